## Announcements: composing

ann-ask-text =
    📣 <b>Новое объявление</b>
    Пришлите текст объявления одним сообщением (до { $max } символов). Можно оформить его прямо в Telegram (жирный, курсив, ссылки) или тегами &lt;b&gt;, &lt;i&gt;, &lt;a href="…"&gt;.
    Можно сразу прислать фото или документ с подписью — подпись станет текстом.
    Отменить: /cancel
ann-ask-new-text = Пришлите новый текст объявления (до { $max } символов). Вложение и получатели останутся прежними.
ann-file-kept-ask-text = Файл получен. Теперь пришлите текст объявления.
ann-ask-attachment = Приложить фото или документ (PDF, Word, Excel, презентацию)? Пришлите файл или нажмите «Без вложения».
ann-btn-no-attachment = Без вложения
ann-attachment-kind = Пришлите фото или документ — или нажмите «Без вложения».
ann-empty = Объявление пустое. Пришлите текст.
ann-too-long = Слишком длинный текст: { $length } { $length ->
        [one] символ
        [few] символа
       *[many] символов
    } при пределе { $max }. Сократите его или разбейте на два объявления.
ann-bad-markup = Telegram не примет такое оформление: { $detail }. Проверьте теги (разрешены b, i, u, s, a, code, pre, blockquote, tg-spoiler) или напишите «&lt;» как «&amp;lt;».
ann-document-type = Такой файл отправить нельзя. Разрешены: { $allowed }.
ann-document-size = Файл слишком большой: не больше { $max } МБ.
ann-document-empty = Файл пустой.
ann-photo-size = Фото слишком большое: не больше { $max } МБ.

## Announcements: the audience

ann-audience =
    👥 <b>Кому отправить</b>
    Роли: { $roles }
    Категории: { $categories }
    Муниципалитеты: { $municipalities }
    Организации: { $organizations }
    Формы наставничества: { $forms }
    Стаж: { $cohorts }

    Получателей сейчас: <b>{ $count }</b>
ann-audience-any = все
ann-dim-roles = Роли
ann-dim-categories = Категории
ann-dim-munis = Муниципалитеты
ann-dim-orgs = Организации
ann-dim-forms = Формы наставничества
ann-dim-roles-ask = Отметьте роли (ничего не отмечено — все):
ann-dim-categories-ask = Отметьте категории участников (ничего не отмечено — все):
ann-dim-munis-ask = Отметьте муниципалитеты (стр. { $page } из { $pages }):
ann-dim-orgs-ask = Отметьте организации (стр. { $page } из { $pages }):
ann-dim-forms-ask = Участники пар и групп каких форм наставничества (ничего не отмечено — все):
ann-dim-cohorts = Стаж
ann-dim-cohorts-ask = Кому по стажу (ничего не отмечено — любой стаж):
audience-cohort-young = молодые специалисты (педагоги со стажем до 3 лет)
audience-cohort-any = любой
ann-btn-everyone = ↺ Все в моей зоне
ann-btn-preview = Далее: предпросмотр ▶
ann-no-recipients = По этим условиям получателей нет. Измените выбор.

bc-form-traditional = традиционная (один на один)
bc-form-group = групповая («круги наставничества»)
bc-form-flash = флэш-наставничество
bc-form-network = сетевая
bc-form-reverse = реверсивная
bc-form-virtual = виртуальная

## Announcements: preview, sending, scheduling

# The sender under every announcement: who wrote it and for which organization, municipality or region.
ann-signature = — { $name }, координатор, { $place }
ann-signature-admin = — { $name }, { $place }
ann-preview-intro = 👁 Так объявление увидят получатели:
ann-preview-summary = Получателей: <b>{ $count }</b>. Отправить сейчас или запланировать?
ann-btn-send-now = 📤 Отправить сейчас
ann-btn-schedule = 🕒 Запланировать
ann-btn-edit = ✏ Изменить
ann-btn-audience = 👥 Получатели
ann-started = Рассылка началась
ann-ask-time = Когда отправить? Напишите дату и время по вашему времени ({ $zone }), например: 25.12.2026 15:00, 25.12 9:30 или «завтра 9:00».
bc-bad-datetime = Не понял дату и время. Напишите так: 25.12.2026 15:00, 25.12 9:30, «завтра в 16:00» или «в пятницу в 10:00».
ann-time-past = Это время уже прошло (или наступит меньше чем через минуту). Укажите время в будущем.
ann-time-too-far = Запланировать можно не больше чем на год вперёд, до { $last }.
ann-scheduled =
    🕒 Объявление будет отправлено { $when } ({ $zone }).
    Получателей сейчас: { $count }. До отправки его можно отменить.
ann-btn-cancel-send = ✖ Отменить отправку
ann-scheduled-list = Запланированные объявления:
ann-scheduled-item = • { $when } — { $title }
ann-btn-cancel-scheduled = ✖ Отменить: { $title }

## Announcements: cancelling and stopping

ann-confirm-cancel = Отменить отправку «{ $title }» ({ $when })?
ann-confirm-stop = Остановить рассылку «{ $title }»? Кому уже доставлено — у тех сообщение останется.
ann-btn-cancel-yes = Да, отменить
ann-btn-stop-yes = Да, остановить
ann-btn-keep = Нет
ann-kept = Хорошо, ничего не меняю.
ann-cancelled = Отправка «{ $title }» отменена. Никто его не получит.
ann-cancelled-short = Отменено
ann-cannot-cancel = Отменить нельзя: рассылка уже началась (или отменена).
ann-stopped = Рассылка «{ $title }» остановлена. Итог — в отчёте выше.
ann-stopped-short = Остановлено
ann-cannot-stop = Остановить нельзя: рассылка уже закончилась.
ann-btn-stop = ⏹ Остановить рассылку

## Announcements: the delivery report

ann-report-title = 📬 Рассылка «{ $title }»
ann-report-total = Получателей: { $count }
ann-report-delivered = ✅ Доставлено: { $count }
ann-report-blocked = 🚫 Заблокировали бота: { $count }
ann-report-failed = ⚠ Не доставлено: { $count }
ann-report-pending = ⏳ В очереди: { $count }
ann-report-going = 🙋 Записались: { $count }
ann-report-going-capacity = 🙋 Записались: { $count } из { $capacity }
ann-report-running = Идёт отправка…
ann-report-done = Завершена { $when }.
ann-report-stopped = Остановлена.

## Events: creating

event-ask-kind = 🗓 <b>Новое мероприятие</b>. Что это будет?
event-ask-title = Название мероприятия (до 200 символов):
event-ask-starts = Дата и время начала по вашему времени ({ $zone }): выберите день в календаре или напишите, например, 25.12.2026 15:00 или «завтра 10:00».
event-ask-time = Начало { $day }. Во сколько по вашему времени ({ $zone })? Например, 15:00 или 9:30.
event-ask-duration = Сколько продлится? Выберите или напишите (например, 90 или 1:30).
event-ask-place = Где пройдёт? Напишите адрес или пришлите ссылку на онлайн-трансляцию.
event-ask-description = Описание: программа, для кого, что взять с собой (можно с оформлением). Или нажмите «Без описания».
event-ask-registration = Нужна ли предварительная запись?
event-ask-capacity = Сколько мест? Выберите или напишите число (не больше { $max }).
event-btn-no-description = Без описания
event-btn-registration-yes = Да, запись обязательна
event-btn-registration-no = Нет, приходите все
event-btn-unlimited = Без ограничения
event-title-empty = Название не может быть пустым.
event-title-too-long = Название слишком длинное: не больше { $max } символов.
event-in-past = Это время уже прошло. Укажите дату и время в будущем.
event-too-far = Слишком далеко: мероприятие можно назначить не больше чем на год вперёд, до { $last }.
event-bad-time = Не понял время. Напишите часы и минуты, например, 15:00 или 9:30.
event-bad-duration = Не понял длительность. Напишите число минут (90) или часы и минуты (1:30).
event-place-empty = Укажите место или ссылку.
event-place-too-long = Слишком длинно: не больше { $max } символов.
event-capacity-zero = Мест должно быть хотя бы одно. Если ограничения нет — нажмите «Без ограничения».
event-capacity-bad = Напишите число мест цифрами, от 1 до { $max } (например, 30).
event-announce-after-start = Объявление должно уйти до начала мероприятия.

event-kind-seminar = Семинар
event-kind-webinar = Вебинар
event-kind-round_table = Круглый стол
event-kind-conference = Конференция
event-kind-contest = Конкурс
event-kind-course = Курсы
event-kind-master_class = Мастер-класс
event-kind-landing = «Педагогический десант»
event-kind-meeting = Совещание

bc-duration-hours = { $hours } ч
bc-duration-minutes = { $minutes } мин
bc-duration-both = { $hours } ч { $minutes } мин

## Events: the card and the answers

event-card-title = 🗓 <b>{ $kind }: { $title }</b>
event-card-when = 🕒 { $when } ({ $zone }), { $duration }
event-preview-other-zones = 🕒 Получатели в других часовых поясах увидят время по своим часам: { $times }.
event-card-place = 📍 { $place }
event-card-online = 💻 Онлайн: { $link }
event-card-registration = ✍ Нужна запись — нажмите «Приду».
event-card-registration-capacity = ✍ Нужна запись, мест: { $capacity } — нажмите «Приду».
event-card-no-registration = Запись не обязательна; нажмите «Приду», чтобы получить напоминание.
event-btn-going = 🙋 Приду
event-btn-not-going = Не смогу
event-preview-button = Это предпросмотр: кнопки заработают у получателей.
event-rsvp-going = Вы записаны. Напомню за день и за час до начала.
event-rsvp-going-seats = Вы записаны. Свободных мест осталось: { $left }. Напомню за день и за час до начала.
event-rsvp-not-going = Понятно, отметил: не сможете. Передумаете — нажмите «Приду».
event-rsvp-same = Ваш ответ уже учтён.
event-rsvp-waiting = Мест нет, но вы в листе ожидания: { $position }-й по очереди. Освободится место — запишу вас и сообщу.
event-rsvp-still-waiting = Вы уже в листе ожидания: { $position }-й по очереди.
event-full = Мест больше нет — все заняты.
event-cancelled = Мероприятие отменено.
event-started = Мероприятие уже началось: ответ изменить нельзя.
event-not-started = Мероприятие ещё не началось.
event-is-cancelled = ❌ Мероприятие отменено.
event-your-answer = Ваш ответ: { $answer }
event-seats = Мест занято: { $taken } из { $capacity }
event-answer-going = ✅ приду
event-answer-not_going = ✖ не смогу
event-answer-waiting = ⏳ в листе ожидания
event-waiting-position = Ваше место в очереди: { $position }
event-answer-none = нет ответа

## Events: /events

event-list-title = 🗓 <b>Ближайшие мероприятия</b>
event-list-empty = Пока ничего не запланировано.
event-list-item = • { $when } — { $kind } «{ $title }» — { $answer }
event-list-confirm = Подтвердите, были ли вы на мероприятии:
event-btn-manage = ⚙ Мои мероприятия

## Events: reminders and after the event

event-reminder-day =
    ⏰ Напоминание: завтра мероприятие, на которое вы записались.

    { $card }
event-reminder-hour =
    ⏰ Через час начинается мероприятие, на которое вы записались.

    { $card }
event-followup = Мероприятие «{ $title }» прошло. Вы на нём были?
event-btn-attended = ✅ Да, был(а)
event-btn-missed = Нет, не смог(ла)
event-attendance-thanks = Спасибо, отметил.
event-attendance-closed = Подтвердить участие уже нельзя: прошло больше двух недель.
event-attendance-marked = Координатор уже отметил ваше участие.
event-attended-yes = Вы были на мероприятии.
event-attended-no = Вы отметили, что не были.
event-followup-author = Мероприятие «{ $title }» прошло. Записались: { $going }. Отметьте, кто был, — список попадёт в выгрузку.
event-btn-mark-attendance = 📋 Отметить присутствие
event-cancelled-notice = ❌ Мероприятие «{ $title }» ({ $when }) отменено организатором.
event-seat-notice = ✅ Освободилось место: вы записаны на «{ $title }» ({ $when }). Напомню за день и за час до начала. Если не сможете, нажмите «Не смогу» в /events: место перейдёт следующему.

## Events: the author's side

event-manage-title = ⚙ <b>Мои мероприятия</b> (предстоящие и за последний месяц):
event-manage-empty = Мероприятий нет. Создать: /newevent
event-manage-counts = Записались: { $going }; отказались: { $declined }; были: { $attended }
event-manage-waiting = В листе ожидания: { $count }
event-btn-attendance = 📋 Присутствие
event-btn-xlsx = 📥 Выгрузить XLSX
event-btn-cancel-event = ✖ Отменить мероприятие
event-btn-edit = ✏ Изменить
event-edit-ask = Что изменить в мероприятии? Записавшимся сообщу, если изменятся время или место.
event-edit-field-title = Название
event-edit-field-starts = Дату и время
event-edit-field-place = Место
event-edit-field-capacity = Число мест
event-edit-field-description = Описание
event-edit-ask-title = Сейчас: { $current }
    Пришлите новое название.
event-edit-ask-starts = Сейчас: { $current }
    Пришлите новые дату и время, например «25.12 15:00» или «завтра 10:00».
event-edit-ask-place = Сейчас: { $current }
    Пришлите новое место: адрес или ссылку на онлайн-встречу.
event-edit-ask-capacity = Сейчас мест: { $current }; записались: { $going }.
    Пришлите новое число мест (не меньше числа записавшихся) или нажмите «Без ограничения». Новые места получат те, кто в листе ожидания, по очереди.
event-edit-ask-description = Сейчас: { $current }
    Пришлите новое описание.
event-unlimited = без ограничения
event-edit-saved = ✅ Сохранено. { $told ->
        [0] Сообщать никому не нужно.
        [one] Об изменении сообщу { $told } участнику.
        [few] Об изменении сообщу { $told } участникам.
       *[many] Об изменении сообщу { $told } участникам.
    }
event-edit-seated = { $count ->
        [one] Из листа ожидания записан { $count } человек, я ему сообщу.
        [few] Из листа ожидания записаны { $count } человека, я им сообщу.
       *[many] Из листа ожидания записаны { $count } человек, я им сообщу.
    }
event-capacity-below-going = { $going ->
        [one] Уже записался { $going } человек: мест не может быть меньше.
        [few] Уже записались { $going } человека: мест не может быть меньше.
       *[many] Уже записались { $going } человек: мест не может быть меньше.
    }
event-changed-notice =
    ✏ Мероприятие, на которое вы записаны, изменилось. Теперь так:

    { $card }
event-confirm-cancel = Отменить «{ $title }»? Записавшимся ({ $going }) придёт сообщение об отмене.
event-btn-cancel-yes = Да, отменить
event-cancelled-done = Мероприятие отменено. Сообщили записавшимся: { $count }.
event-attendance-title = 📋 «{ $title }»: записались { $count }, отмечены как присутствовавшие { $attended }. Нажмите на имя, чтобы отметить (стр. { $page } из { $pages }).

event-xlsx-sheet = Посещаемость
event-xlsx-when = Дата и время
event-xlsx-place = Место
event-xlsx-summary = Итого
event-xlsx-summary-value = записались: { $going }, присутствовали: { $attended }
event-xlsx-name = ФИО
event-xlsx-organization = Организация
event-xlsx-municipality = Муниципалитет
event-xlsx-answer = Ответ
event-xlsx-attended = Присутствовал(а)
event-xlsx-marked-by = Кто отметил
event-xlsx-answer-going = придёт
event-xlsx-answer-not_going = не сможет
event-xlsx-answer-waiting = в листе ожидания
event-xlsx-yes = да
event-xlsx-no = нет
event-xlsx-by-self = сам(а)
event-xlsx-by-coordinator = координатор
event-xlsx-caption = 📥 Посещаемость: «{ $title }» (строк: { $count })
