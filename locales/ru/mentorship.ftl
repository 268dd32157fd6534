## Наставнические пары и группы, планы развития, журнал встреч

mentorship-form-traditional = Традиционная (один на один)
mentorship-form-group = Групповая (круг наставничества)
mentorship-form-flash = Флэш-наставничество
mentorship-form-network = Сетевая
mentorship-form-reverse = Реверсивная
mentorship-form-virtual = Виртуальная (дистанционная)
mentorship-element-adaptation = Адаптация
mentorship-element-training = Обучение
mentorship-element-support = Сопровождение
mentorship-role-model-teacher_teacher = Педагог — педагог
mentorship-role-model-student_student = Обучающийся — обучающийся
mentorship-role-model-university_student_student = Студент — обучающийся
mentorship-role-model-employer_student = Работодатель — обучающийся
mentorship-role-model-teacher_student = Педагог — обучающийся
mentorship-status-requested = ждёт одобрения координатора
mentorship-status-proposed = ждёт подтверждения участников
mentorship-status-active = действует
mentorship-status-completed = завершено
mentorship-status-stopped = прекращено досрочно
mentorship-status-declined = не состоялось

mentorship-describe =
    Форма: { $form }
    Элемент модели: { $element }
    Ролевая модель: { $role_model }
    Наставник: { $mentor }
    Наставляемые: { $mentees }
    Начало: { $start }, плановое окончание: { $end }
mentorship-line = { $icon } { $form }: { $mentor } → { $mentees }
mentorship-card-title = <b>Наставничество</b> { $icon } { $status }
mentorship-confirmations = Подтверждения:
mentorship-confirmation = { $done ->
    [yes] ✅
   *[no] ⏳
} { $name }
mentorship-card-meetings = Встречи: { $meetings }, всего { $duration } (подтверждено: { $confirmed })
mentorship-card-plan = План развития: выполнено { $done } из { $total }{ $overdue ->
    [0] {""}
   *[other] , просрочено: { $overdue }
}
mentorship-card-ended = Завершено: { $date }
mentorship-card-reason = Причина: { $reason }
mentorship-card-my-feedback = Ваша оценка: { $rating } из 5

mentorships-title = <b>Мои наставнические пары и группы</b>
mentorships-empty = Пока нет ни одной. Пары и группы формирует координатор; наставник может сам предложить наставничество коллеге.
mentorships-current = <b>Текущие</b>
mentorships-past = <b>Завершённые</b>
mentorships-btn-propose = ➕ Предложить наставничество
mentorships-btn-record = 📄 Моё портфолио наставника (XLSX)

mentorship-ask-confirm = { $role ->
    [mentor] Вам предлагают стать наставником. Подтвердите, что готовы:
   *[mentee] Вам предлагают наставничество. Подтвердите участие:
}
mentorship-confirm-reminder = { $role ->
    [mentor] Напоминание: наставничество ждёт вашего подтверждения как наставника.
   *[mentee] Напоминание: наставничество ждёт вашего подтверждения.
}
mentorship-btn-confirm = ✅ Подтверждаю
mentorship-btn-decline = ✖ Отказаться
mentorship-btn-approve = ✅ Одобрить
mentorship-btn-reject = ✖ Отклонить
mentorship-proposal-new = 📨 Наставник предлагает наставническую пару. Одобрите или отклоните:
mentorship-proposal-approved = Координатор одобрил ваше предложение. Наставляемому отправлен запрос на подтверждение.
mentorship-proposal-rejected = Координатор отклонил ваше предложение наставничества.
mentorship-started = { $role ->
    [mentor] 🟢 Наставничество началось: все подтвердили участие. Записывайте встречи командой /meet, план развития — в /mentorships.
    [mentee] 🟢 Наставничество началось: все подтвердили участие. План развития и встречи — в /mentorships.
   *[other] 🟢 Сформированная вами пара (группа) начала работу: все подтвердили участие.
}
mentorship-declined = ✖ { $name } — отказ от участия. Наставничество не состоится.
mentorship-ended-completed = ✅ Наставничество завершено.
mentorship-ended-stopped = ⏹ Наставничество прекращено досрочно. Причина: { $reason }
mentorship-confirmed = Спасибо, участие подтверждено. Ждём остальных.
mentorship-now-active = Все подтвердили — наставничество началось!
mentorship-you-declined = Вы отказались от участия.
mentorship-approved = Предложение одобрено, наставляемому отправлен запрос.
mentorship-rejected = Предложение отклонено.

mentorship-btn-meetings = 📅 Встречи
mentorship-btn-end = ⏹ Завершить наставничество
mentorship-btn-write = { $to ->
        [mentor] ✉ Написать наставнику
        [mentee] ✉ Написать наставляемому
       *[group] ✉ Написать группе
    }
pair-talk-prompt = Напишите сообщение для { $name } — я передам его через бота, ваш аккаунт в Telegram никто не увидит. Можно отправить и фото или файл. Когда закончите, нажмите «Готово».
pair-talk-sent = ✓ Передано: { $name }. Можно написать ещё или нажать «Готово».
pair-talk-done = Хорошо. Написать снова можно из карточки пары: /mentorships.
pair-talk-from-mentor = ✉ Сообщение от наставника ({ $name }):

    { $text }
pair-talk-from-mentee = ✉ Сообщение от наставляемого ({ $name }):

    { $text }
pair-talk-file-from-mentor = ✉ Файл от наставника ({ $name }):
pair-talk-file-from-mentee = ✉ Файл от наставляемого ({ $name }):
pair-talk-btn-reply = ↩ Ответить
pair-talk-not-active = Писать через бота можно, пока пара или группа действует, а эта сейчас не активна.
pair-talk-unreachable = Сообщение сейчас не дойдёт: собеседник недоступен в боте (удалил аккаунт или остановил бота).
pair-talk-empty = Пустое сообщение не передать: напишите текст или отправьте файл.
mentorship-btn-feedback = ⭐ Оставить отзыв
mentorship-end-ask = Как завершается наставничество?
mentorship-btn-completed = ✅ Завершено: цели достигнуты
mentorship-btn-stopped = ⏹ Прекратить досрочно
mentorship-end-confirm-completed = Завершить наставничество? Участников попросят оставить итоговый отзыв, записывать встречи больше будет нельзя.
mentorship-end-ask-reason = Напишите коротко причину досрочного прекращения (её увидят участники и координатор):
mentorship-end-confirm-stopped =
    Прекратить наставничество досрочно?
    Причина: { $reason }
mentorship-btn-end-yes = Да, завершить
mentorship-ended-done = Наставничество завершено. Участникам отправлен запрос отзыва.
mentorship-end-requested = Запрос отправлен наставляемым и координатору. Пока кто-то из них не подтвердит, наставничество остаётся активным.
mentorship-end-pending = ⏳ Наставник предложил завершить наставничество; ждём подтверждения наставляемого или координатора.
mentorship-end-ask-mentee = { $outcome ->
    [stopped] { $name } предлагает прекратить наставничество досрочно.
   *[other] { $name } предлагает завершить наставничество: цели достигнуты.
} Вы согласны?
mentorship-end-ask-coordinator = { $outcome ->
    [stopped] { $name } предлагает прекратить наставничество досрочно.
   *[other] { $name } предлагает завершить наставничество: цели достигнуты.
} Наставляемые тоже получили запрос; подтвердить может любой из вас.
mentorship-end-request-reason = Причина: { $reason }
mentorship-btn-end-confirm = ✅ Подтверждаю завершение
mentorship-btn-end-decline = ✖ Продолжим
mentorship-end-declined = { $name } хочет продолжить наставничество, оно остаётся активным. Если завершить всё же нужно, обратитесь к координатору.
mentorship-end-you-confirmed = Наставничество завершено. Спасибо!
mentorship-end-you-declined = Хорошо, наставничество продолжается. Наставник получит ваш ответ.
mentorship-end-already-requested = Запрос на завершение уже отправлен: ждём подтверждения наставляемого или координатора.
mentorship-end-not-requested = Запроса на завершение нет (или на него уже ответили).
mentorship-end-not-yourself = Свой запрос на завершение подтверждает наставляемый или координатор.
mentorship-end-decline-mentee-only = Отклонить запрос может только наставляемый.

mentorship-feedback-ask = Оцените, пожалуйста, наставничество в целом — от 1 (совсем не помогло) до 5 (очень помогло):
mentorship-rating = { $rating } ★
mentorship-feedback-thanks = Спасибо за оценку!
mentorship-feedback-ask-comment = Ваша оценка: { $rating } из 5. Хотите добавить пару слов — что получилось, что нет? Напишите сообщением или нажмите «Пропустить».
mentorship-btn-skip = Пропустить
mentorship-feedback-saved = Спасибо! Отзыв сохранён.

mentorship-nudge = 👋 С { $since } нет записанных встреч ({ $mentees }) — уже { $weeks ->
    [one] { $weeks } неделя
    [few] { $weeks } недели
   *[many] { $weeks } недель
}. Если встреча была — запишите её, это минута.

mentorship-nudge-many = 👋 В этих парах нет записанных встреч уже { $weeks ->
    [one] { $weeks } неделю
    [few] { $weeks } недели
   *[many] { $weeks } недель
} и больше:
    { $pairs }
    Если встречи были — запишите их, это минута.
mentorship-nudge-line = • { $mentees } — с { $since }
mentorship-nudge-log-for = 📝 { $mentees }

mentorship-not-proposed = Это наставничество уже не ждёт подтверждения.
mentorship-already-confirmed = Вы уже подтвердили участие.
mentorship-already-decided = Это предложение уже рассмотрено.
mentorship-approve-own = Своё предложение рассматривает другой координатор.
mentorship-not-active = Наставничество не действует (завершено или ещё не началось) — это действие недоступно.
mentorship-one-mentee = В этой форме наставничества — ровно один наставляемый.
mentorship-group-size = В группе — от 2 до { $max } наставляемых.
mentorship-mentees-count = Наставляемых — от 1 до { $max }.
mentorship-self = Наставник не может быть своим же наставляемым.
mentorship-not-a-mentor = У этого участника нет роли наставника. Её выдаёт координатор в /participants.
mentorship-not-a-mentee = Этот участник не зарегистрирован как наставляемый.
mentorship-not-a-teacher = В реверсивной паре наставляемым может быть только педагог вашей организации.
mentorship-other-organization = Предложить наставничество можно только коллеге из своей организации.
mentorship-duplicate = { $name } уже в паре (группе) с этим наставником.
mentorship-bad-start = Дата начала — не дальше года от сегодняшнего дня.
mentorship-bad-end = Плановое окончание — позже начала и не дальше трёх лет от него.
mentorship-bad-reason = Напишите причину: от { $min } до { $max } символов.
mentorship-end-mentor-only = Завершить наставничество может наставник или координатор.
mentorship-feedback-not-ended = Отзыв можно оставить, когда наставничество завершено.
mentorship-feedback-given = Вы уже оставили отзыв об этом наставничестве. Спасибо!

## /pairs — координатор

pairs-home =
    <b>Наставнические пары и группы</b>
    Действуют: { $active }
    Ждут подтверждения участников: { $proposed }
    Предложения наставников на одобрение: { $requested }
    Завершены: { $ended }
    Наставники сверх нагрузки: { $over }
    Наставляемые без наставника: { $free }
    Оспоренные записи встреч: { $disputed }
pairs-btn-new = ➕ Сформировать пару или группу
pairs-btn-list = 📋 Все пары и группы
pairs-btn-proposals = 📨 Предложения наставников ({ $count })
pairs-btn-over = ⚠ Сверх нагрузки ({ $count })
pairs-btn-free = 👤 Без наставника ({ $count })
pairs-btn-disputes = ⚖ Оспоренные встречи ({ $count })
pairs-btn-totals = 📊 Встречи и часы
pairs-btn-home = ◀ К парам и группам
pairs-list-title = Пары и группы: { $total } (стр. { $page } из { $pages })
pairs-list-empty = Ничего не найдено.
pairs-filter-form = Форма: { $value } ▸
pairs-filter-status = Статус: { $value } ▸
pairs-filter-org = Организация: { $value } ▸
pairs-status-current = текущие
pairs-status-requested = на одобрении
pairs-status-proposed = ждут подтверждения
pairs-status-active = действуют
pairs-status-ended = завершённые
pairs-over-title = Наставники, у которых наставляемых больше, чем они готовы вести: { $count }
pairs-over-row = { $name } — { $load } при готовности вести { $capacity }
pairs-free-title = Наставляемые без наставника: { $count }
pairs-free-hint = Нажмите на имя, чтобы подобрать наставника.
pairs-disputes-title = Оспоренные записи встреч: { $count }

pair-ask-form = Какая форма наставничества?
pair-ask-mentee = Выберите наставляемого (стр. { $page } из { $pages }). Сначала — те, у кого ещё нет наставника. Для поиска напишите часть фамилии.
pair-ask-mentee-reverse = Реверсивное наставничество: вы наставляете более опытного коллегу (например, в цифровых технологиях). Выберите педагога вашей организации (стр. { $page } из { $pages }). Для поиска напишите часть фамилии.
pair-ask-mentees-many = Отметьте наставляемых (стр. { $page } из { $pages }) и нажмите «Готово». Для поиска напишите часть фамилии.
pair-btn-mentees-done = Готово (выбрано: { $count })
pair-search-active = Поиск: «{ $search }»
pair-nobody-found = Никого не найдено.
pair-ask-mentor = <b>Подходящие наставники</b> — по запросам наставляемого, месту работы и нагрузке:
pair-no-suggestions = Подходящих по профилю наставников не нашлось — выберите из всех.
pair-suggestion = { $index }. { $name } — { $organization }: { $reasons }
pair-reason-topic = запрос «{ $topic }»
pair-reason-words = совпадает: { $words }
pair-reason-same-organization = та же организация
pair-reason-same-municipality = тот же муниципалитет
pair-reason-network = сетевое наставничество
pair-reason-free = свободно мест: { $free }
pair-btn-all-mentors = Все наставники
pair-btn-suggestions = ⭐ Подходящие наставники
pair-ask-mentor-all = Все наставники вашей зоны (стр. { $page } из { $pages }); в скобках — наставляемых сейчас / готов вести. Для поиска напишите часть фамилии.
pair-mentor-row = { $name } — { $organization } ({ $load }/{ $capacity })
pair-ask-element = Элемент модели наставничества:
pair-ask-role-model = Ролевая модель:
pair-ask-start = Когда начинается наставничество? Выберите или напишите дату (ДД.ММ.ГГГГ).
pair-start-today = Сегодня
pair-start-monday = С понедельника
pair-start-september = С 1 сентября
pair-ask-end = Плановое окончание? Выберите или напишите дату (ДД.ММ.ГГГГ).
pair-end-months = Через { $months } мес.
pair-end-may = До 31 мая
pair-summary-title = <b>Проверьте:</b>
pair-over-capacity = ⚠ У наставника станет { $load } наставляемых при готовности вести { $capacity }.
pair-create-note = Наставнику и наставляемым придёт запрос на подтверждение; наставничество начнётся, когда все подтвердят.
pair-propose-note = Предложение уйдёт координатору на одобрение, затем наставляемому — на подтверждение.
pair-btn-create = ✅ Сформировать
pair-btn-propose = ✅ Отправить предложение
pair-created = Готово. Наставнику и наставляемым отправлены запросы на подтверждение.
pair-proposed = Предложение отправлено координатору. Когда он одобрит, наставляемый получит запрос.
pair-btn-open = Открыть карточку

## Журнал встреч

meeting-status-logged = записана, ждёт подтверждения
meeting-status-confirmed = подтверждена
meeting-status-disputed = оспорена
meeting-status-deleted = удалена
meeting-duration = { $hours ->
    [0] { $minutes } мин
   *[other] { $minutes ->
        [0] { $hours } ч
       *[other] { $hours } ч { $minutes } мин
    }
}
meeting-describe =
    Дата: { $date }, { $duration }, { $format }
    Тема: { $topic }
    Итог: { $outcome }
    Наставник: { $mentor }
    Присутствовали: { $attendees }
meeting-line = { $icon } { $date } · { $duration } · { $topic }
meeting-card-title = <b>Встреча</b> { $icon } { $status }
meeting-answers = Ответы наставляемых:
meeting-editable-until = Наставник может изменить запись до { $until }.
meeting-locked-note = 🔒 Запись закрыта для изменений: прошло 7 дней.
meeting-history = <b>История:</b>
meeting-history-line = { $at } — { $who }: { $action } ({ $fields })
meeting-history-event = { $at } — { $who }: { $action }
meeting-history-reason = причина: «{ $reason }»
meeting-action-created = запись создана
meeting-action-edited = изменено
meeting-action-deleted = запись удалена
meeting-action-confirmed = подтверждено
meeting-action-disputed = оспорено
meeting-action-kept = координатор оставил запись
meeting-action-voided = координатор аннулировал запись
meeting-field-held_on = Дата
meeting-field-duration_minutes = Длительность
meeting-field-format = Формат
meeting-field-topic = Тема
meeting-field-outcome = Итог
meeting-field-attendees = Присутствовали

meeting-ask-mentorship = С кем была встреча?
meeting-ask-date =
    Встреча: { $mentorship }
    Когда она была?
meeting-draft-kept = 📝 Запись о встрече не закончена — я её сохранил. Чтобы продолжить с того же места, отправьте /meet.
meeting-draft-resumed = 📝 Продолжаем запись о встрече с того места, где вы остановились. Начать заново: «Отмена», затем /meet.
meeting-draft-gone = Незаконченную запись о встрече продолжить нельзя: наставничество уже не активно. Начнём новую.
meeting-date-today = Сегодня, { $date }
meeting-date-yesterday = Вчера, { $date }
meeting-ask-date-typed = Выберите дату или напишите её (ДД.ММ). Записать можно встречу не старше { $days ->
    [one] { $days } дня
   *[other] { $days } дней
}.
meeting-date-since-start = Не раньше начала наставничества: { $start }.
meeting-date-not-started = Наставничество начинается { $start }. Записать встречу можно с этого дня.
meeting-ask-duration = Сколько длилась встреча? Выберите или напишите число минут (от { $min } до { $max }), например 50 или 1:30.
meeting-ask-format = Формат встречи:
meeting-ask-topic = Тема встречи? Напишите коротко.
meeting-ask-topic-plan = Тема встречи? Напишите коротко или выберите шаг плана развития.
meeting-ask-outcome = Что сделали, к чему пришли? Напишите или нажмите «Пропустить».
meeting-btn-skip = Пропустить
meeting-ask-attendees = Кто из наставляемых был на встрече?
meeting-summary-title = <b>Проверьте запись:</b>
meeting-btn-save = ✅ Сохранить
meeting-saved = Встреча записана. Наставляемым отправлен запрос на подтверждение.
meeting-saved-short = Записано
meeting-btn-open = Открыть запись
meeting-btn-another = 📝 Записать ещё одну
meeting-btn-log = 📝 Записать встречу
meeting-btn-mine = 📋 Мои записи
meeting-no-mentorships = У вас нет действующих наставнических пар. Пары формирует координатор; предложить наставничество коллеге можно в /mentorships. Встречу флэш-наставничества записывают в самой сессии (/offers), когда она прошла.
meeting-none-yet = Записей встреч пока нет.
meeting-mine-title =
    <b>Мои записи встреч</b>
    Всего: { $meetings }, { $duration } (подтверждено: { $confirmed })
meeting-ask-confirm = Новая запись о встрече от наставника { $mentor }. Всё верно?
meeting-ask-edited = Наставник { $mentor } изменил запись о встрече. Подтвердите, пожалуйста, ещё раз:
meeting-ask-reminder = Напоминание: подтвердите, пожалуйста, запись о встрече (наставник { $mentor }).
meeting-btn-confirm = ✅ Да, всё верно
meeting-btn-dispute = ✖ Не так / не было
meeting-you-confirmed = Спасибо, встреча подтверждена.
meeting-you-disputed = Запись оспорена. Координатор разберётся.
meeting-dispute-ask = Что в записи не так? Напишите коротко одним сообщением (до { $max } символов) — наставник и координатор увидят причину. Можно и без неё: нажмите «Оспорить без причины».
meeting-btn-dispute-skip = Оспорить без причины
meeting-dispute-cancelled = Хорошо, запись не оспорена. Ответить можно кнопками в сообщении о встрече.
meeting-dispute-reason-empty = Напишите причину словами или нажмите «Оспорить без причины».
meeting-dispute-reason = Причина: «{ $reason }»
meeting-disputed-mentor = ⚠ { $name } оспаривает запись о встрече. Координатор разберётся; если в записи ошибка, исправьте её (в течение 7 дней после создания).
meeting-disputed-coordinator = ⚖ Запись о встрече оспорена ({ $name }). Оставить её или аннулировать?
meeting-btn-keep = ✅ Оставить
meeting-btn-void = 🗑 Аннулировать
meeting-kept = Запись оставлена.
meeting-voided = Запись аннулирована.
meeting-resolved-kept = Координатор рассмотрел спор и оставил запись о встрече.
meeting-resolved-voided = Координатор рассмотрел спор и аннулировал запись о встрече.
meeting-btn-edit = ✏ Изменить
meeting-btn-delete = 🗑 Удалить
meeting-ask-field = Что изменить? Наставляемых попросят подтвердить запись заново.
meeting-edited = Изменено. Наставляемых попросили подтвердить запись заново.
meeting-delete-ask = Удалить запись о встрече { $date }? В истории останется отметка об удалении.
meeting-btn-delete-yes = Да, удалить
meeting-deleted-done = Удалено
meeting-deleted-text = Запись о встрече { $date } удалена.

meeting-bad-duration = Длительность — число минут от { $min } до { $max }, например 45, 90 или 1:30.
meeting-date-future = Встреча не может быть в будущем. Запишите её, когда она состоится.
meeting-date-before-start = Встреча не может быть раньше начала наставничества ({ $start }).
meeting-date-too-old = Встречу старше { $days ->
    [one] { $days } дня
   *[other] { $days } дней
} записать нельзя — обратитесь к координатору.
meeting-bad-topic = Тема — от { $min } до { $max } символов.
meeting-no-attendees = Отметьте хотя бы одного наставляемого.
meeting-not-your-mentorship = Записывать встречи может только наставник этой пары.
meeting-mentor-only = Изменять запись может только наставник, который её сделал.
meeting-deleted = Эта запись удалена.
meeting-locked = Запись закрыта для изменений: прошло 7 дней. Если нужно исправление — обратитесь к координатору.
meeting-already-answered = Вы уже так ответили.
meeting-not-your-meeting = Подтвердить или оспорить встречу может только тот, кто на ней был.
meeting-not-disputed = Эта запись не оспорена (или спор уже решён).
meeting-resolve-own = Спор о встрече, в которой вы участвовали, решает другой координатор.
meeting-nothing-changed = Ничего не изменилось.

## Итоги

totals-title = <b>Встречи и часы</b>: { $period } ({ $since } — { $until })
totals-title-all = <b>Встречи и часы</b> за всё время
totals-overall = Всего: встреч { $meetings }, { $duration } (подтверждено: { $confirmed })
totals-by = <b>{ $group }:</b>
totals-row = { $name } — { $meetings }, { $duration } (✅ { $confirmed })
totals-empty = За этот период встреч нет.
totals-more = …и ещё { $count }
totals-group-organization = Организации
totals-group-municipality = Муниципалитеты
totals-group-mentor = Наставники
totals-group-month = Месяцы
totals-period-month = Этот месяц
totals-period-last_month = Прошлый месяц
totals-period-school_year = Учебный год
totals-period-all = Всё время

## План развития

plan-title = <b>Индивидуальный план развития</b> (выполнено { $done } из { $total })
plan-empty = Целей пока нет. Наставник добавляет цели и шаги со сроками; отмечать выполненное могут наставник и наставляемые.
plan-goal-line = 🎯 <b>{ $title }</b> ({ $done }/{ $total })
plan-step-line = { $mark } { $title } — до { $due }{ $overdue ->
    [yes] {" "}⚠ просрочено
   *[no] {""}
}
plan-goal-button = 🎯 { $title } ({ $done }/{ $total })
plan-goal-title = 🎯 <b>{ $title }</b>
plan-goal-empty = Шагов пока нет.
plan-btn-add-goal = ➕ Цель
plan-btn-add-step = ➕ Шаг
plan-btn-delete-goal = 🗑 Удалить цель
plan-btn-delete-goal-yes = Да, удалить цель
plan-delete-goal-ask = Удалить цель «{ $title }» вместе с её шагами ({ $steps })?
plan-btn-open = 🎯 План развития
plan-btn-mark-done = ☑ Выполнено
plan-ask-goal = Напишите цель (например: «Освоить формирующее оценивание»):
plan-ask-step = Напишите шаг к цели (например: «Посетить три урока наставника»):
plan-ask-due = Срок выполнения? Выберите или напишите дату (ДД.ММ.ГГГГ).
plan-due-in-days = Через { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
}
plan-goal-added = Цель добавлена.
plan-step-added = Шаг добавлен.
plan-step-deleted = Шаг удалён.
plan-goal-deleted = Цель удалена.
plan-step-done = Отмечено: выполнено.
plan-step-undone = Отметка снята.
plan-step-already-done = Этот шаг уже отмечен выполненным.
plan-step-overdue = ⏰ Просрочен шаг плана развития: «{ $step }» (цель «{ $goal }», срок { $due }). Если он уже выполнен — отметьте.
plan-bad-title = Нужно от { $min } до { $max } символов.
plan-due-past = Срок не может быть в прошлом.
plan-due-too-far = Срок — не дальше трёх лет вперёд, до { $last }.
plan-too-many-goals = В плане не больше { $max } целей.
plan-too-many-steps = У цели не больше { $max } шагов.
plan-mentor-only = Менять план может наставник; отмечать выполненное — наставник и наставляемые.
plan-members-only = Отмечать шаги могут только участники этой пары.

## Портфолио наставника (файл)

record-title = Сведения о наставнической деятельности
record-sheet-summary = Сводка
record-sheet-mentorships = Пары и группы
record-sheet-meetings = Встречи
record-sheet-feedback = Отзывы
record-name = Наставник
record-organization = Организация
record-municipality = Муниципалитет
record-generated = Дата выгрузки
record-mentorships = Пар и групп
record-mentees = Наставляемых
record-meetings = Встреч
record-hours = Часов
record-confirmed-meetings = Из них подтверждено наставляемыми
record-flash-meetings = Флэш-консультаций
record-flash-hours = Часов флэш-консультаций
record-feedback-count = Отзывов наставляемых
record-average-rating = Средняя оценка (из 5)
record-col-mentees = Наставляемые
record-col-form = Форма
record-col-element = Элемент модели
record-col-role-model = Ролевая модель
record-col-status = Статус
record-col-start = Начало
record-col-end = Окончание
record-col-meetings = Встреч
record-col-hours = Часов
record-col-confirmed = Подтверждено
record-col-date = Дата
record-col-minutes = Минут
record-col-format = Формат
record-col-topic = Тема
record-col-outcome = Итог
record-col-rating = Оценка
record-col-comment = Отзыв
record-flash-session = флэш-консультация
record-caption = Ваше портфолио наставника: встреч — { $meetings }, всего { $duration }, наставляемых — { $mentees }.
