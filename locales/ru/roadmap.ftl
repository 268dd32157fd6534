## Дорожные карты: /roadmap, импорт, напоминания, статусы

roadmap-scope-everything = все регионы
roadmap-item-name = п. { $number }. { $activity }
roadmap-and-more = { " " }и ещё { $count }
roadmap-parties = { $count ->
    [one] { $count } ответственный
    [few] { $count } ответственных
   *[many] { $count } ответственных
}

## Обзор

roadmap-overview-title = 🗺 <b>Дорожные карты</b> — { $scope }
roadmap-overview-none = Дорожных карт пока нет. Загрузите таблицу, которая у вас уже есть (XLSX, CSV, DOCX), или начните с шаблона.
roadmap-overview-roadmap = • «{ $title }» ({ $owner }, { $start }–{ $end })
roadmap-overview-overdue = ⚠ <b>Просрочено:</b> { $count }
roadmap-overview-soon = ⏰ <b>Срок в ближайшие { $days } дней:</b> { $count }
roadmap-due-line = • { $date } — { $item } — { $who }
roadmap-overview-mine = 📌 Ваши сроки — кнопки ниже: отметьте, что сделано.
roadmap-overview-needs-dates = 🗓 Без сроков: { $count } — укажите даты, иначе напоминаний не будет.
roadmap-overview-unrecognised = ❓ Не распознаны ответственные: { $count }

roadmap-btn-below = 📊 Уровни ниже
roadmap-btn-needs-dates = 🗓 Указать сроки ({ $count })
roadmap-btn-needs-more = 🗓 Остальные без сроков
roadmap-btn-unknown = ❓ Нераспознанные
roadmap-btn-import = 📥 Загрузить таблицу
roadmap-btn-template = 📄 Из шаблона
roadmap-btn-home = ◀ К дорожным картам
roadmap-btn-open = Открыть

## Уровни ниже

roadmap-below-title = 📊 <b>Ход выполнения на уровнях ниже</b>
roadmap-below-roadmaps-municipality = Свои дорожные карты у муниципалитетов: { $done } из { $total }
roadmap-below-roadmaps-organization = Свои дорожные карты у образовательных организаций: { $done } из { $total }
roadmap-below-missing = { "   " }ещё нет: { $names }
roadmap-below-empty = Мероприятий с ответственными уровнями ниже пока нет.
roadmap-below-items = Мероприятия (стр. { $page } из { $pages }):
roadmap-below-item = <b>{ $item }</b>
    ✅ выполнили { $done } из { $total }
roadmap-below-overdue = ⚠ просрочили ({ $count }): { $names }
roadmap-below-waiting = ⏳ ещё не выполнили ({ $count }): { $names }

## Без сроков и нераспознанные

roadmap-needs-title = 🗓 <b>Мероприятия без сроков: { $count }</b> (стр. { $page } из { $pages })
    Пока у мероприятия нет даты, напоминаний по нему не будет. Нажмите кнопку и пришлите дату.
roadmap-needs-line = { $item }
    Строка { $row }, «Срок»: «{ $phrase }» — { $why }
    Ответственные: { $responsible }
roadmap-needs-empty = Все мероприятия с датами. 👍
roadmap-btn-set-date = 🗓 № { $item }, строка { $row }
roadmap-ask-date = 🗓 { $item }
    В таблице: «{ $phrase }».
    Пришлите срок: дату (15.09.2027) или фразу, как в таблице («Сентябрь 2027», «Май 2027, далее ежегодно»).
roadmap-date-set = ✅ Срок установлен: { $dates }{ $count ->
    [one] {""}
   *[other] { " " }(всего дат: { $count })
}. Напоминания получат ответственные: { $parties }.
roadmap-date-gone = Это мероприятие уже с датой или недоступно вам.
roadmap-date-not-understood = Не понял дату. Пришлите, например, 15.09.2027 или «Сентябрь 2027».
roadmap-date-outside-period = Дата вне периода дорожной карты ({ $start } — { $end }).
roadmap-date-in-past = Эта дата уже прошла. Укажите будущую.
roadmap-dates-already-set = У этого мероприятия срок уже есть.
roadmap-unknown-title = ❓ <b>Ответственные, которых бот не распознал: { $count }</b>
    По ним напоминаний нет: бот не знает, кому их отправлять. Исправьте столбец «Ответственные» (например, «МОУО», «ОО», «РЦРО») и загрузите таблицу заново.
roadmap-unknown-line = • { $item } (строка { $row }): «{ $text }»

## Импорт

roadmap-ask-owner = Чья это дорожная карта? Выберите уровень:
roadmap-ask-file = 📥 Пришлите файл дорожной карты для «{ $owner }» документом: XLSX, CSV, DOCX (таблица) или YAML, до { $limit } МБ.
    Нужны столбцы «Мероприятие» и «Срок»; «№», «Результат» и «Ответственные» — если есть.
    Если период не указан в заголовке («на 2025–2027 гг.»), напишите его в подписи к файлу.
    Ничего не сохранится, пока вы не проверите и не подтвердите.
roadmap-import-send-file = Пришлите таблицу файлом (документом), а не текстом. Отменить: /cancel
roadmap-ask-template = 📄 Шаблон дорожной карты для «{ $owner }». Сроки сдвинутся на выбранный год, ответственные — по вашей зоне.
roadmap-ask-year = С какого года начинается период?
roadmap-ask-school-year = На какой учебный год?
roadmap-school-year = { $first }/{ $last } учебный год
roadmap-template-kedrovy-city-2020-2024 = Город Кедровый — муниципальная
roadmap-template-school-2026-2027 = Школа — на учебный год
roadmap-template-samara-region-2021 = Самарская область — региональная
roadmap-template-tomsk-district-2020-2024 = Томский район — муниципальная
roadmap-template-tomsk-region-2020-2024 = Томская область — региональная
roadmap-template-tomsk-region-program-2020-2024 = Томская область — программа с показателями

roadmap-preview-title = 🔎 <b>Проверьте перед сохранением</b>
    «{ $title }»
roadmap-preview-owner = Чья: { $owner }
roadmap-preview-period = Период: { $start } — { $end }
roadmap-preview-template = Шаблон: { $template }
roadmap-preview-counts = Этапов: { $stages }, разделов: { $sections }, мероприятий: { $items }, сроков в таблице: { $deadlines }
roadmap-preview-dates = Конкретных дат: { $count } (с { $first } по { $last })
roadmap-preview-kinds = Разобрано: с датами — { $dates }, постоянных — { $continuous }, по событию — { $events }, не понято — { $unparsed }
roadmap-preview-parties = Ответственные: регион — { $regions }, муниципалитетов — { $municipalities }, организаций — { $organizations }; напоминаний к датам: { $occurrences }
roadmap-preview-past = { $count ->
    [one] ⏪ { $count } срок уже прошёл: он будет отмечен просроченным без напоминаний.
    [few] ⏪ { $count } срока уже прошли: они будут отмечены просроченными без напоминаний.
   *[many] ⏪ { $count } сроков уже прошли: они будут отмечены просроченными без напоминаний.
}
roadmap-preview-unparsed = ❗ <b>Не понял сроки: { $count }</b> — мероприятия сохранятся, дату укажете потом в /roadmap:
roadmap-preview-unparsed-line = • { $where }: «{ $phrase }» — { $reason }
roadmap-preview-events = 🗓 <b>Сроки по событию: { $count }</b> — дату укажете, когда событие произойдёт:
roadmap-preview-event-line = • { $where }: «{ $phrase }»
roadmap-preview-unrecognised = ❓ <b>Не распознаны ответственные: { $count }</b> — мероприятия будут отмечены, напоминаний по ним не будет:
roadmap-preview-unrecognised-line = • строка { $row }: «{ $text }»
roadmap-preview-outside = ℹ Вне вашей зоны или нет в справочнике (без напоминаний): { $names }
roadmap-preview-replaces = ♻ Заменит действующую дорожную карту: «{ $titles }» — её напоминания прекратятся.
roadmap-preview-confirm = Сохранить?
roadmap-btn-import-confirm = ✅ Сохранить дорожную карту
roadmap-preview-deadlines-hint = Как прочитан каждый срок таблицы — кнопка «📅 Все сроки».
roadmap-btn-import-deadlines = 📅 Все сроки ({ $count })
roadmap-import-deadlines-title = 📅 <b>Сроки из таблицы: { $count }</b> — так они и сохранятся (стр. { $page } из { $pages }):
roadmap-preview-deadline-line = • { $item } (строка { $row }): «{ $phrase }» → { $meaning }; отв.: { $responsible }
roadmap-where-row-cell = строка { $row }, столбец «{ $column }»
roadmap-where-row = строка { $row }
roadmap-where-cell = столбец «{ $column }»
roadmap-warning-responsible-not-split = ⚠ Строка { $row }: в ячейке несколько сроков («{ $value }»), но ответственных не столько же — каждый срок назначен всем.

roadmap-import-done = Сохранено
roadmap-created = ✅ Дорожная карта сохранена: «{ $title }»
roadmap-created-counts = Мероприятий: { $items }, ответственных: { $parties }, дат с напоминаниями: { $occurrences }.
roadmap-created-flagged = Требуют внимания мероприятий: { $items } (без сроков: { $dates }, нераспознанных ответственных: { $unknown }) — см. /roadmap.
roadmap-created-replaced = Прежняя дорожная карта перенесена в архив: «{ $titles }».

roadmap-import-nothing-saved = Ничего не сохранено. Исправьте файл и пришлите снова или отмените: /cancel
roadmap-import-too-large = ❌ Файл слишком большой: можно до { $limit } МБ и до { $rows } строк.
roadmap-import-empty-file = ❌ Файл пустой.
roadmap-import-unsupported-format = ❌ Такой формат не подходит ({ $value }). Пришлите XLSX, CSV, DOCX или YAML.
roadmap-import-malformed = ❌ Файл повреждён или не читается ({ $value }).
roadmap-import-no-header = ❌ Не нашёл строку заголовков таблицы: нужны столбцы «Мероприятие» и «Срок» (а также «№», «Результат», «Ответственные», если есть).
roadmap-import-missing-column = ❌ В заголовке таблицы нет столбца «{ $column }».
roadmap-import-missing-activity = ❌ У мероприятия не заполнено название.
roadmap-import-no-items = ❌ В таблице нет ни одного мероприятия.
roadmap-import-no-period = ❌ Не понял период дорожной карты. Напишите его в заголовке («на 2025–2027 гг.») или в подписи к файлу: 2025-2027.
roadmap-import-date-outside-period = ❌ Срок «{ $value }» выходит за период дорожной карты.
roadmap-import-unknown-template = ❌ Такого шаблона нет.
roadmap-import-too-big-sheet = ❌ Таблица слишком большая: { $value } (строк × столбцов), а можно до { $rows } строк и { $columns } столбцов. Так бывает, когда далеко за таблицей осталась заполненная или оформленная ячейка: удалите лишние строки и столбцы и сохраните файл снова.
roadmap-import-too-many-merged = ❌ В таблице слишком много объединённых ячеек: можно до { $merged } объединений и до { $merged_cells } ячеек в них.
roadmap-import-too-many-tables = ❌ В документе слишком много таблиц ({ $value }): можно до { $tables }. Оставьте в файле только дорожную карту.
roadmap-import-unpacked = ❌ Файл в распакованном виде слишком большой ({ $value } МБ): можно до { $unpacked } МБ. Уберите из него картинки и вложения.
roadmap-import-zip-members = ❌ Внутри файла слишком много частей ({ $value }): можно до { $members }.
roadmap-import-yaml-alias = ❌ В YAML-файле есть ссылки (&якорь и *ссылка) — они не поддерживаются. Напишите значения полностью.
roadmap-import-yaml-depth = ❌ В YAML-файле слишком глубокая вложенность: можно до { $value } уровней.
roadmap-import-too-slow = ❌ Файл читался дольше { $value } с, и чтение остановлено. Проверьте, нет ли в нём лишних листов, строк и столбцов, и пришлите снова.
roadmap-import-too-much-memory = ❌ Для чтения файла понадобилось больше { $value } МБ памяти, и чтение остановлено. Проверьте, нет ли в нём лишних листов, строк и столбцов, и пришлите снова.

## Как понят срок

roadmap-reason-unknown-phrase = фраза не распознана
roadmap-reason-unknown-words = непонятные слова: «{ $value }»
roadmap-reason-invalid-date = такой даты не бывает: «{ $value }»
roadmap-reason-invalid-range = конец периода раньше начала: «{ $value }»
roadmap-reason-invalid-school-year = учебный год — это два года подряд: «{ $value }»
roadmap-reason-date-outside-period = дата { $date } вне периода ({ $start } — { $end })
roadmap-reason-missing-year = не указан год
roadmap-reason-months-and-frequency-disagree = месяцы не совпадают с периодичностью: «{ $value }»
roadmap-reason-ambiguous-day-of-month = указано число, но не ясно, какого месяца: «{ $value }»
roadmap-reason-no-period = не известен период дорожной карты, а без него повторы не посчитать
roadmap-reason-no-due-date = сказано, с какого числа, но не сказано, к какому
roadmap-reason-empty = срок не указан

roadmap-kind-continuous = постоянно, проверка раз в { $months } мес.
roadmap-kind-event-triggered = по событию: { $event }
roadmap-kind-when-asked = { $flags } — без даты: укажете её, когда понадобится

roadmap-recurrence-monthly = ежемесячно
roadmap-recurrence-quarterly = ежеквартально
roadmap-recurrence-twice-a-year = два раза в год
roadmap-recurrence-yearly = ежегодно
roadmap-recurrence-every-two-years = раз в два года
roadmap-recurrence-termly = по итогам каждой четверти
roadmap-recurrence-every-months = раз в { $months } мес.

roadmap-flag-on-request = по запросу
roadmap-flag-as-needed = по мере необходимости
roadmap-flag-per-schedule = по графику
roadmap-flag-end-of-school-year = по окончании учебного года
roadmap-flag-school-year = в течение учебного года
roadmap-flag-start-of-school-year = к началу учебного года

## Мероприятие ответственного

roadmap-status-planned = запланировано
roadmap-status-in-progress = в работе
roadmap-status-done = выполнено
roadmap-status-overdue = просрочено
roadmap-status-not-applicable = не требуется
roadmap-status-postpone-requested = запрошен перенос
roadmap-status-postponed = срок перенесён
roadmap-status-postpone-declined = перенос отклонён

roadmap-card-title = 📌 <b>{ $item }</b>
roadmap-card-roadmap = Дорожная карта: «{ $title }»
roadmap-card-party = Ответственный: { $party }
roadmap-card-due = Срок: <b>{ $date }</b>
roadmap-card-check-in = Проверка (постоянное мероприятие): { $date }
roadmap-card-window = Начало: { $date }
roadmap-card-moved = Срок по плану был: { $date }
roadmap-card-result = Результат: { $result }
roadmap-card-targets = Целевые показатели: { $targets }
roadmap-card-status = Статус: { $status }
roadmap-card-evidence = Подтверждение: { $text }
roadmap-card-evidence-file = Файл: { $name }
roadmap-card-note = Почему не требуется: { $text }
roadmap-card-postpone-pending = ⏳ Запрошен перенос на { $date }, ждём решения.
roadmap-card-history = История:

roadmap-btn-done = ✅ Выполнено
roadmap-btn-progress = 🔄 В работе
roadmap-btn-na = 🚫 Не требуется
roadmap-btn-postpone = 📅 Перенести
roadmap-btn-approve = ✅ Согласовать
roadmap-btn-decline = ✖ Отклонить

roadmap-marked = Отмечено: { $status }
roadmap-ask-evidence = ✅ { $item }
    Пришлите подтверждение: комментарий (например, «Приказ № 12 от 05.05.2027») или файл — документ или фото.
roadmap-ask-reason = 🚫 { $item }
    Почему мероприятие не требуется? Напишите причину одним сообщением.
roadmap-ask-postpone = 📅 { $item }
    Сейчас срок { $date }. Пришлите новую дату и через запятую причину, например: 15.06.2027, ждём приказ.
    Позже { $end } — нельзя (конец периода). Перенос согласует уровень выше.
roadmap-postponed = 📅 Срок перенесён на { $date }.
roadmap-postpone-sent = 📨 Запрос на перенос на { $date } отправлен { $count ->
    [one] координатору
   *[other] координаторам
} уровня выше. Решение придёт сюда.
roadmap-postpone-request = 📅 <b>Запрос на перенос срока</b>
    { $who } ({ $party }) просит перенести срок: { $item }
    с { $date_from } на { $date_to }.
roadmap-postpone-reason = Причина: { $reason }
roadmap-postpone-approved = ✅ Перенос согласован: { $item } ({ $party }) — теперь срок { $date_to } (был { $date_from }).
roadmap-postpone-declined = ✖ Перенос не согласован: { $item } ({ $party }) — срок остаётся { $date_from }.

roadmap-already-closed = Это мероприятие уже закрыто (выполнено или не требуется).
roadmap-status-unchanged = Уже отмечено «в работе».
roadmap-evidence-required = Нужно подтверждение: комментарий или файл.
roadmap-reason-required = Напишите причину.
roadmap-postpone-not-due = Это проверка постоянного мероприятия — переносить нечего.
roadmap-postpone-not-later = Новый срок должен быть позже нынешнего ({ $due }) и не в прошлом.
roadmap-postpone-pending = Перенос уже запрошен, ждём решения уровня выше.
roadmap-postpone-nobody-above = Уровню выше некому согласовать перенос: там нет координатора в боте.
roadmap-postpone-decided = По этому запросу уже принято решение.
roadmap-postpone-not-yours = Перенос согласует уровень выше, а не сам ответственный.

## Напоминания

roadmap-notice-soon = ⏰ <b>Через { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
} срок по дорожной карте</b>
roadmap-notice-today = ⏰ <b>Сегодня срок по дорожной карте</b>
roadmap-notice-overdue = ⚠ <b>Просрочено на { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
}</b>
roadmap-notice-check-in = 🔁 <b>Постоянное мероприятие: как идут дела?</b>
roadmap-notice-via-above = ℹ У «{ $party }» нет координатора в боте, поэтому напоминание пришло вам как уровню выше.
roadmap-escalation-title = ⚠ <b>Просрочено на уровнях ниже: { $count }</b>
roadmap-escalation-line = • { $party } — { $item }, срок { $date } (просрочено на { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
})

roadmap-btn-mine = 📋 Все мои сроки
roadmap-mine-title = 📋 <b>Ваши открытые сроки: { $count }</b> (стр. { $page } из { $pages })
    Откройте мероприятие, чтобы отметить его — можно и заранее.
roadmap-mine-empty = Открытых сроков нет. 👍
roadmap-digest-title = ⏰ <b>Сроки по дорожным картам: { $count }</b> — откройте мероприятие, чтобы отметить его.
roadmap-digest-line = • { $when } — { $item } — { $party }
roadmap-when-due = { $days ->
    [0] сегодня, { $date }
    [one] через { $days } день, { $date }
    [few] через { $days } дня, { $date }
   *[many] через { $days } дней, { $date }
}
roadmap-when-overdue = ⚠ { $date }, просрочено на { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
}
roadmap-when-check-in = 🔁 { $date }, проверка
