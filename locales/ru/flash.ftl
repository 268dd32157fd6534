## Флэш-наставничество: запрос о помощи

flash-ask-intro = ⚡ <b>Флэш-наставник</b> — разовая помощь по конкретному вопросу. Ответьте на четыре коротких вопроса, и я найду наставника, который разбирается в вашей теме.
flash-ask-topic = С чем нужна помощь? Выберите область (⭐ — из вашего профиля) или школьный предмет.
flash-ask-subject = Выберите предмет:
flash-ask-description = Тема: <b>{ $topic }</b>

    Опишите вопрос своими словами — коротко, в двух-трёх предложениях (до { $max } символов). Например: «Как объяснить сложение дробей с разными знаменателями в 5 классе».
flash-ask-description-now = Сейчас: «{ $value }». Пришлите новый текст или нажмите «Назад».
flash-ask-format = Как удобнее встретиться?
flash-ask-timing = Когда нужна помощь?
flash-ask-cancelled = Запрос не отправлен. Вернуться к нему можно в любой момент: /flash
flash-summary-title = <b>Проверьте запрос:</b>
flash-summary-hint = Всё верно? Нажмите «Отправить» или измените нужное.

flash-btn-subjects = 📚 Школьный предмет…
flash-btn-send = ✅ Отправить
flash-btn-edit-topic = ✏ Тема
flash-btn-edit-description = ✏ Описание
flash-btn-edit-format = ✏ Формат
flash-btn-edit-timing = ✏ Срок

flash-format-online = Онлайн
flash-format-offline = Очно
flash-format-any = Неважно
flash-timing-today = Сегодня
flash-timing-week = На этой неделе
flash-timing-flexible = Без спешки

flash-line-topic = Тема: { $value }
flash-line-description = Вопрос: { $value }
flash-line-format = Формат: { $value }
flash-line-timing = Когда: { $value }
flash-line-from = Кто спрашивает: { $value }
flash-line-why = Почему вам: { $value }
flash-line-mentor = Наставник: { $value }
flash-line-time = Время встречи: { $value }
flash-line-proposed = Предложенное время:
flash-line-requester = Запрос: { $name }, { $organization }
flash-young-specialist = молодой специалист

flash-description-short = Опишите вопрос чуть подробнее — хотя бы { $min } символов, чтобы наставник понял, о чём речь.
flash-description-long = Слишком длинно: { $length } символов, а можно не больше { $max }. Сократите, пожалуйста, — подробности обсудите с наставником.
flash-choice-unknown = Такого варианта нет. Воспользуйтесь кнопками.
flash-topic-unknown = Такой темы нет. Выберите тему заново: /flash
flash-not-active = Запросы о помощи доступны после подтверждения регистрации координатором.
flash-too-many = У вас уже { $max } активных запроса. Дождитесь ответа или отмените один из них в /requests.

flash-sent-alert = Запрос отправлен
flash-sent-offered = ⚡ Запрос №{ $id } отправлен { $count ->
    [one] { $count } наставнику
   *[other] { $count } наставникам
}. Как только кто-то согласится, я пришлю его контакты в боте. Следить за запросом: /requests
flash-sent-escalated = Запрос №{ $id } отправлен. Свободного наставника по этой теме сейчас нет, поэтому я передал запрос координатору — он подберёт наставника. Следить за запросом: /requests
flash-sent-nobody = Запрос №{ $id } отправлен, но подходящих свободных наставников сейчас нет, а координатора у вашей организации в боте нет. Запрос останется открытым до срока — вдруг кто-то освободится. /requests

## Статусы и история

flash-status-draft = черновик
flash-status-open = ищем наставника
flash-status-offered = ждёт ответа наставников
flash-status-matched = наставник найден
flash-status-scheduled = встреча назначена
flash-status-completed = завершён
flash-status-cancelled = отменён
flash-status-expired = истёк срок

flash-history-title = <b>История:</b>
flash-history-line = { $at } — { $status } { $why }
flash-by-submitted = (отправлен)
flash-by-wave = (предложен наставникам)
flash-by-accepted = (наставник согласился)
flash-by-assigned = (наставника назначил координатор)
flash-by-scheduled = (время согласовано)
flash-by-rescheduled = (время изменено)
flash-by-not-held = (встреча не состоялась)
flash-by-held = (встреча состоялась)
flash-by-requester = (отменён вами)
flash-by-requester-deleted = (автор удалил аккаунт)
flash-by-mentor-left = (наставник удалил аккаунт)
flash-by-deadline = (никто не откликнулся в срок)
flash-by-abandoned = (черновик не отправлен)
flash-by-no-time = (время так и не согласовали)
flash-by-unconfirmed = (встречу никто не подтвердил)

flash-now-draft = Этот запрос ещё не отправлен.
flash-now-open = Запрос ещё ищет наставника.
flash-now-offered = Запрос ещё ждёт ответа наставников.
flash-now-matched = По этому запросу уже работает наставник.
flash-now-scheduled = По этому запросу уже назначена встреча.
flash-now-completed = Этот запрос уже завершён.
flash-now-cancelled = Этот запрос отменён.
flash-now-expired = Срок этого запроса истёк.
flash-not-found = Запрос не найден или недоступен вам.

## /requests

flash-requests-empty = У вас пока нет запросов о помощи. Попросить помощи: /flash
flash-requests-title = <b>Мои запросы о помощи</b>
flash-requests-going = В работе: { $count }
flash-requests-done = Завершённые (последние): { $count }
flash-requests-row = №{ $id } · { $topic } · { $status }
flash-card-title = <b>Запрос №{ $id }</b> — { $status }
flash-btn-cancel-request = ✖ Отменить запрос
flash-btn-my-requests = Мои запросы
flash-cancel-confirm = Отменить запрос №{ $id }? Наставники, которым он предложен, увидят, что он отменён.
flash-cancel-confirm-mentor = Отменить запрос №{ $id }? Наставник получит сообщение об отмене.
flash-btn-cancel-yes = Да, отменить
flash-btn-cancel-no = Нет, оставить
flash-cancelled-alert = Запрос отменён
flash-cancelled = Запрос №{ $id } отменён. Если вопрос снова станет актуальным — /flash

## Предложение наставнику

flash-offer-title = ⚡ <b>Запрос о помощи №{ $id }</b>
flash-offer-hint = Сможете помочь? Первый, кто согласится, получит запрос.
flash-offer-assigned-hint = Координатор просит вас помочь с этим запросом.
flash-btn-accept = ✅ Возьму
flash-btn-decline = ❌ Не моё
flash-btn-later = ⏰ Не сейчас
flash-reason-topic = в вашем профиле есть тема «{ $topic }»
flash-reason-words = совпадают слова: { $words }
flash-reason-same-organization = коллега из вашей организации
flash-reason-same-municipality = из вашего муниципалитета
flash-reason-network = сетевое наставничество: другой муниципалитет региона
flash-reason-rating = ваша оценка { $avg } ({ $count })
flash-offer-closed-taken = ✓ Этот запрос уже взял другой наставник. Спасибо, что откликаетесь!
flash-offer-closed-cancelled = Автор отменил этот запрос.
flash-offer-closed-expired = Срок этого запроса истёк.
flash-offer-closed-not-mentor = Предложение снято: у вас больше нет роли наставника.
flash-offer-closed-unavailable = Предложение снято: вы отключили флэш-запросы в профиле.
flash-offer-closed-account-deleted = Предложение снято: ваш аккаунт удалён.

flash-accepted-alert = Запрос ваш!
flash-offer-not-found = Это предложение не найдено или адресовано не вам.
flash-offer-taken = Этот запрос уже взял другой наставник.
flash-offer-cancelled = Автор уже отменил этот запрос.
flash-offer-expired = Срок этого запроса истёк.
flash-offer-yours = Вы уже взяли этот запрос — он в /offers.
flash-offer-was-declined = Вы уже отказались от этого запроса.
flash-offer-was-later = Вы уже отложили этот запрос. Взять его можно в /offers, пока он открыт.
flash-offer-was-withdrawn = Это предложение больше не действует.
flash-offer-was-skipped = Это предложение больше не действует.
flash-offer-was-accepted = Вы уже взяли этот запрос.
flash-offer-was-offered = Это предложение ещё ждёт ответа.
flash-not-mentor-anymore = У вас больше нет роли наставника, поэтому взять запрос нельзя. Если это ошибка, обратитесь к координатору.
flash-requester-gone = Автор запроса удалил свой аккаунт — запрос больше не актуален.
flash-mentor-full = У вас уже { $capacity } активных флэш-сессий — это ваш лимит. Завершите одну из них или увеличьте лимит в /profile.
flash-declined-done = Хорошо, запрос №{ $id } предложим другим наставникам. Спасибо за ответ!
flash-later-done = Понял: до { $until } новых запросов не пришлю. Запрос №{ $id } останется в /offers, пока он открыт.
flash-btn-my-offers = Мои предложения

## Совпадение

flash-matched-requester = 🎉 <b>Наставник найден!</b> Запрос №{ $id }.
flash-matched-requester-next = Наставник предложит время встречи. Писать друг другу можно через бота — свой Telegram при этом никто не раскрывает.
flash-matched-mentor = ✅ <b>Запрос №{ $id } ваш.</b> Спасибо!
flash-matched-mentor-assigned = 📌 <b>Координатор назначил вас наставником по запросу №{ $id }.</b>
flash-matched-mentor-next = Предложите время встречи — кнопка ниже. Писать можно через бота, не раскрывая свой Telegram.
flash-card-mentor-title = 👤 <b>Наставник: { $name }</b>
flash-card-requester-title = 👤 <b>Кто просит помощи: { $name }</b>
flash-card-notes = Может помочь с: { $value }
flash-card-rating = Оценка: { $avg } ★ ({ $count })

flash-btn-propose = 🕒 Предложить время
flash-btn-repropose = 🕒 Предложить другое время
flash-btn-write = ✉ Написать
flash-btn-share = 📇 Поделиться контактом
flash-btn-reply = ✉ Ответить
flash-btn-other-time = Ни одно не подходит
flash-btn-share-yes = Да, поделиться
flash-btn-share-no = Нет
flash-btn-skip = Пропустить

flash-session-title = <b>Флэш-сессия №{ $id }</b> — { $status }
flash-only-mentor = Это действие доступно только наставнику по этому запросу.
flash-only-requester = Это действие доступно только автору запроса.

## Переписка через бота

flash-write-prompt = Напишите сообщение для { $name } — я передам его. Можно отправить и фото или файл. Когда закончите, нажмите «Готово».
flash-write-sent = ✓ Передано: { $name }.
flash-write-done = Хорошо.
flash-relay-from-requester = ✉ <b>{ $name }</b> (запрос №{ $id }):

    { $text }
flash-relay-from-mentor = ✉ <b>Наставник { $name }</b> (запрос №{ $id }):

    { $text }
flash-relay-file-from-requester = ✉ <b>{ $name }</b> (запрос №{ $id }) прислал(а) файл:
flash-relay-file-from-mentor = ✉ <b>Наставник { $name }</b> (запрос №{ $id }) прислал(а) файл:
flash-relay-empty = Пустое сообщение не отправить.
flash-relay-unreachable = Собеседник сейчас недоступен в боте: сообщение не передать.
flash-share-confirm = Поделиться вашим контактом в Telegram с { $name }? Собеседник сможет писать вам напрямую.
flash-share-done = Контакт отправлен: { $name }.
flash-share-kept = Хорошо, контакт остаётся скрытым.
flash-shared-already = Вы уже поделились контактом.
flash-told-contact = 📇 Собеседник по запросу №{ $id } поделился контактом: { $link }

## Время встречи

flash-slots-prompt = Напишите время встречи — от одного до { $max } вариантов, каждый с новой строки, например:
    завтра 18:00
    27.11 16:30
    Время — по вашему часовому поясу.
flash-slots-format = Не понял время. Пишите так: «завтра 18:00» или «27.11 16:30», каждый вариант с новой строки.
flash-slots-many = Не больше { $max } вариантов.
flash-slots-past = «{ $value }» уже прошло или слишком скоро. Предложите время хотя бы через 15 минут.
flash-slots-far = Слишком далеко: предложите время в ближайшие { $days } дней.
flash-slots-sent = Отправил варианты: { $name } выберет удобный.
flash-told-slots = 🕒 Наставник предлагает время встречи по запросу №{ $id }:
flash-told-slots-hint = Выберите удобное:
flash-slots-stale = Эти варианты времени уже не действуют — наставник предложил новые.
flash-slot-gone = Это время уже прошло. Попросите наставника предложить другое.
flash-slot-same = Это время уже выбрано.
flash-picked-alert = Время согласовано
flash-picked = ✅ Встреча по запросу №{ $id }: <b>{ $when }</b>. Напомню за день и за час.
flash-told-scheduled = ✅ Время встречи по запросу №{ $id } согласовано: <b>{ $when }</b>. Напомню за день и за час.
flash-told-other-time = Автору запроса №{ $id } не подошло ни одно время. Предложите другие варианты или обсудите через бота.
flash-other-time-asked = Попросил наставника предложить другое время (запрос №{ $id }).
flash-told-propose-nudge = Напоминание: по запросу №{ $id } ещё не предложено время встречи.

flash-weekday-1 = пн
flash-weekday-2 = вт
flash-weekday-3 = ср
flash-weekday-4 = чт
flash-weekday-5 = пт
flash-weekday-6 = сб
flash-weekday-7 = вс

flash-reminder-day = 🔔 Завтра, { $when }, — флэш-встреча с { $name } (запрос №{ $id }).
flash-reminder-hour = 🔔 Через час, { $when }, — флэш-встреча с { $name } (запрос №{ $id }).

## После встречи

flash-ask-held = Встреча по запросу №{ $id } ({ $when }) состоялась?
flash-btn-held-yes = Да, состоялась
flash-btn-held-no = Нет
flash-held-early = Встреча ещё впереди — отметить её можно после назначенного времени.
flash-held-answered = Вы уже ответили.
flash-held-thanks = Спасибо! Запрос №{ $id }: отмечено, что встреча состоялась.
flash-held-sorry = Жаль. Запрос №{ $id }: отмечено, что встреча не состоялась. Можно договориться о новом времени или отменить запрос в /requests.
flash-ask-duration = Сколько длилась встреча (запрос №{ $id })?
flash-duration-online = 💻 { $minutes } мин
flash-duration-offline = 🤝 { $minutes } мин
flash-meeting-logged-alert = Встреча записана
flash-meeting-logged = ✅ Встреча по запросу №{ $id } записана ({ $minutes } мин). Запрос закрыт. Оцените, пожалуйста, как всё прошло:
flash-not-held-mentor = Отмечено: встреча по запросу №{ $id } не состоялась. Предложите новое время.
flash-told-not-held = Наставник отметил, что встреча по запросу №{ $id } не состоялась. Он может предложить новое время; отменить запрос можно в /requests.
flash-told-completed = ✅ Наставник подтвердил встречу по запросу №{ $id }. Запрос закрыт. Оцените, пожалуйста, помощь от 1 до 5:
flash-rated-alert = Спасибо за оценку!
flash-rated = Ваша оценка: { $score } ★. Хотите добавить комментарий? Напишите его сообщением или нажмите «Пропустить».
flash-rated-already = Вы уже оценили эту встречу.
flash-rate-first = Сначала поставьте оценку.
flash-commented-already = Комментарий уже сохранён.
flash-comment-long = Комментарий слишком длинный: не больше { $max } символов.
flash-comment-saved = Спасибо, комментарий сохранён.

## Сообщения о закрытии

flash-told-cancelled = Автор отменил запрос №{ $id }. Спасибо, что были готовы помочь!
flash-told-requester-left = Автор запроса №{ $id } удалил свой аккаунт — запрос закрыт.
flash-told-expired = К сожалению, по запросу №{ $id } никто не откликнулся в срок. Попробуйте задать вопрос иначе или выбрать «Без спешки»: /flash
flash-told-no-time = По запросу №{ $id } время встречи так и не согласовали — запрос закрыт. Если помощь ещё нужна, создайте новый: /flash
flash-told-unconfirmed = Встречу по запросу №{ $id } никто не подтвердил — запрос закрыт.
flash-told-mentor-left = Наставник по запросу №{ $id } больше не работает в боте. Ищу другого наставника.
flash-told-mentor-withdrawn = Наставник по запросу №{ $id } больше не может его вести. Ищу другого наставника.
flash-told-handed-on = Запрос №{ $id } возвращён в поиск другого наставника: у вас больше нет роли наставника. Если это ошибка, обратитесь к координатору.
flash-told-escalated = Пока никто из наставников не взял запрос №{ $id }, поэтому я передал его координатору — он подберёт наставника.
flash-told-no-mentor = По запросу №{ $id } пока нет свободных наставников, а координатора, который мог бы назначить наставника, в боте нет. Запрос остаётся открытым до срока.

## Координатор

flash-escalated-title = ⚠ <b>Запрос о помощи №{ $id } никто не взял</b>
flash-escalated-hint = Назначьте наставника вручную — кнопка ниже.
flash-btn-assign = 👤 Назначить наставника
flash-assign-choose = Выберите наставника (✓ — подходит по теме):
flash-assign-nobody = В вашей зоне нет наставников со свободными местами.
flash-assign-row = { $name } · { $organization } · мест: { $free }
flash-assign-confirm = Назначить { $name } наставником по запросу №{ $id }? Оба получат сообщения.
flash-btn-assign-yes = ✅ Назначить
flash-assigned-alert = Наставник назначен
flash-assigned = ✅ { $name } назначен(а) наставником по запросу №{ $id }. Оба получили сообщения.
flash-assign-not-mentor = Этого человека нельзя назначить: он не активный наставник региона.
flash-assign-unreachable = Этот наставник сейчас недоступен в боте.

## /offers и настройки наставника

flash-offers-title = <b>Флэш-наставничество</b>
flash-offers-waiting = Ждут вашего ответа: { $count }
flash-offers-none = Новых запросов для вас нет.
flash-offers-sessions = Ваши флэш-сессии: { $count }
flash-offers-row = №{ $id } · { $topic }
flash-offers-session-row = №{ $id } · { $name } · { $when }
flash-btn-settings = ⚙ Настройки флэш-наставничества
flash-settings-title = <b>Настройки флэш-наставничества</b>
flash-settings-available = Принимаю флэш-запросы: { $value }
flash-settings-paused = Пауза до { $until }
flash-settings-not-paused = Паузы нет
flash-settings-notes = С чем могу помочь: { $value }
flash-btn-notes = ✏ С чем могу помочь
flash-btn-pause = ⏸ Пауза на несколько часов
flash-btn-resume = ▶ Снять паузу
flash-btn-availability = Принимать запросы: вкл/выкл
flash-ask-notes = Опишите своими словами, с чем можете помочь (до { $max } символов), например: «дроби и проценты, подготовка к ОГЭ, электронный журнал». По этим словам я подбираю запросы.
flash-notes-saved = Сохранено.
flash-notes-long = Слишком длинно: { $length } символов, можно не больше { $max }.
