## Анкеты: участник отвечает

survey-anonymous-notice = 🔒 Анкета анонимная: ответы сохраняются без имени и без связи с вами. Пока вы заполняете анкету, ответы хранятся у вас в черновике, чтобы можно было продолжить позже; при отправке черновик удаляется, и связать ответы с вами уже нельзя. Координатор видит только общие итоги.
survey-named-notice = 👤 Анкета не анонимная: координатор увидит ваши ответы вместе с вашим именем и организацией.
survey-invitation =
    📋 Новая анкета: <b>{ $title }</b>

    { $intro }

    Ответы принимаются до { $closes } включительно.
    { $privacy }
survey-reminder = ⏰ Напоминание: анкета «{ $title }» ждёт ваших ответов. Ответы принимаются до { $closes } включительно.
survey-reminder-started = ⏰ Напоминание: вы начали анкету «{ $title }» — отвечено { $answered } из { $total }. Продолжите с того же места; ответы принимаются до { $closes } включительно.
btn-survey-start = ▶ Начать анкету
btn-survey-continue = ▶ Продолжить анкету
btn-survey-open = ▶ { $title }
btn-survey-open-continue = ▶ Продолжить: { $title }

survey-list-title = Ваши анкеты:
survey-list-row = • <b>{ $title }</b> — до { $closes }: { $status }
survey-list-empty = Сейчас открытых анкет для вас нет. Когда координатор запустит анкетирование, анкета придёт сюда.
survey-state-new = ещё не начата
survey-state-progress = отвечено { $answered } из { $total }
survey-state-done = ✅ ответы отправлены

survey-intro =
    📋 <b>{ $title }</b>

    { $intro }

    { $privacy }

    { $count ->
        [one] { $count } вопрос
        [few] { $count } вопроса
       *[many] { $count } вопросов
    }, ответы принимаются до { $closes } включительно. Можно прерваться в любой момент — ответы сохранятся, продолжить можно через /surveys.
survey-resumed = Продолжаем с того места, где вы остановились.
survey-question-header = <i>{ $section }</i> · вопрос { $number } из { $total }
survey-hint-single = Выберите один вариант.
survey-hint-yesno = Выберите «Да» или «Нет».
survey-hint-multi = Отметьте подходящие варианты (не больше { $max }) и нажмите «Готово».
survey-hint-multi-any = Отметьте подходящие варианты и нажмите «Готово».
survey-hint-scale = Оцените от 1 до { $max } кнопкой или напишите число.
survey-hint-number = Напишите число от { $min } до { $max }.
survey-hint-integer = Напишите целое число от { $min } до { $max }.
survey-hint-text = Напишите ответ одним сообщением (до { $max } символов).
survey-optional = Этот вопрос необязательный — его можно пропустить.
survey-current-answer = Сейчас ответ: { $answer }
survey-answered =
    ✓ { $question }
    → { $answer }
btn-survey-skip = Пропустить ⏭
btn-survey-keep = Оставить ответ ▶
btn-survey-later = ⏸ Продолжить позже
btn-survey-done = Готово ✅
btn-survey-submit = ✅ Отправить ответы
btn-survey-change = ✏ Изменить ответ

survey-summary-title = Проверьте ответы на анкету «{ $title }» перед отправкой:
survey-summary-row =
    { $number }. { $question }
       → { $answer }
survey-choose-to-change = Какой ответ изменить? Нажмите номер вопроса.
survey-paused = Ответы сохранены. Продолжить можно в любой момент до { $closes } включительно — кнопкой ниже или через /surveys.
survey-submitted = Спасибо! Ваши ответы отправлены координатору.
survey-submitted-anonymous = Спасибо! Ваши ответы сохранены анонимно: черновик удалён, связать ответы с вами нельзя.

## Анкеты: что пошло не так у участника

survey-closed = Приём ответов на эту анкету закончился — анкетирование закрыто. Ответы больше не принимаются.
survey-not-found = Эта анкета вам не адресована или уже недоступна.
survey-already-submitted = Вы уже отправили ответы на эту анкету — спасибо! От каждого участника принимается одна анкета.
survey-stale-question = Эта кнопка относится к другому вопросу. Ваши ответы на месте — продолжайте с последнего сообщения анкеты или откройте её заново через /surveys.
survey-at-summary = Все вопросы пройдены: проверьте ответы и нажмите «Отправить ответы» (или «Назад», чтобы что-то изменить).
survey-use-buttons = На этот вопрос отвечают кнопками под ним.
survey-answer-required = Это обязательный вопрос — его нельзя пропустить.
survey-answer-invalid = Такой ответ не подходит к этому вопросу.
survey-answer-empty = Ответ пустой. Напишите ответ или выберите вариант.
survey-answer-too-long = Слишком длинный ответ: { $length } символов, а можно не больше { $max_length }. Ваш текст остался в переписке выше — сократите его и отправьте ещё раз.
survey-answer-not-a-number = Нужно число, например 12 или 3,5.
survey-answer-not-an-integer = Нужно целое число, например 12.
survey-answer-out-of-range = Число должно быть от { $min } до { $max }.
survey-answer-unknown-option = Такого варианта нет: «{ $option }». Выберите вариант кнопкой.
survey-answer-too-many-choices = Можно отметить не больше { $max_choices } — снимите отметку с лишнего.

## Анкетирования: координатор

campaigns-title = Анкетирования: { $total } (стр. { $page } из { $pages })
campaigns-row = { $status } { $title } · { $opens }
campaigns-empty = Пока ни одного анкетирования. Запустите первое кнопкой ниже.
campaign-icon-scheduled = 🕓
campaign-icon-open = 🟢
campaign-icon-closed = ⏹
campaign-status-scheduled = запланировано
campaign-status-open = идёт
campaign-status-closed = закрыто
campaign-anonymous = анонимная
campaign-named = именная
btn-campaign-new = ➕ Новое анкетирование
btn-campaign-schedules = 🔁 Регулярные анкетирования
btn-campaign-list = ◀ К списку анкетирований
btn-campaign-open = 📋 Открыть анкетирование
btn-campaign-results = 📊 Итоги
btn-campaign-xlsx = 📄 XLSX
btn-campaign-charts = 📈 Графики
btn-campaign-breakdown-m = по муниципалитетам
btn-campaign-breakdown-o = по организациям
btn-campaign-breakdown-n = без разбивки
btn-campaign-close = ⏹ Закрыть досрочно
btn-campaign-close-yes = Да, закрыть сейчас
btn-campaign-launch = 🚀 Запустить
btn-campaign-next = Далее ▶
campaign-card =
    📋 <b>{ $title }</b> (версия { $version }, { $kind })
    Статус: { $status }
    Открытие: { $opens } · ответы до { $closes } включительно
campaign-card-preview = Получат анкету при открытии: около { $count } чел.
campaign-card-counts = Приглашено: { $invited } · ответили: { $submitted } ({ $percent }%) · начали и не закончили: { $in_progress }
campaign-reminders = Напоминания тем, кто не ответил: раз в { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }, не больше { $times ->
        [one] { $times } раза
       *[other] { $times } раз
    }, до закрытия.
campaign-reminders-off = Напоминаний не будет.
campaign-close-ask = Закрыть анкетирование «{ $title }» сейчас? Ответы больше не будут приниматься; начатые и не отправленные анкеты не попадут в итоги.
campaign-closed-now = Анкетирование закрыто.
survey-not-owner = Закрыть анкетирование может только координатор, который его запустил.
survey-already-closed = Анкетирование уже закрыто.

campaign-ask-template = Выберите анкету:
campaign-template-row = { $title } ({ $kind })
campaign-audience =
    Кому отправить анкету «{ $title }»:

    Роли: { $roles }
    Категории: { $categories }
    Формы наставничества: { $forms }
    Стаж: { $cohorts }
    Муниципалитеты: { $municipalities }
    Организации: { $organizations }

    Получат анкету сейчас: { $count ->
        [one] { $count } человек
        [few] { $count } человека
       *[many] { $count } человек
    } (только в вашей зоне ответственности).
survey-audience-empty = В выбранной аудитории никого нет. Измените получателей.
survey-template-unknown = Такой анкеты больше нет.

campaign-ask-opens = Когда открыть анкетирование? Выберите или напишите дату (ДД.ММ.ГГГГ).
btn-campaign-opens-0 = Сегодня
btn-campaign-opens-1 = Завтра
btn-campaign-opens-7 = Через неделю
campaign-ask-closes = Открытие: { $opens }. До какого дня принимать ответы? Выберите срок или напишите дату (ДД.ММ.ГГГГ).
btn-campaign-closes-after = { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    } (до { $date })
survey-opens-in-past = Эта дата уже прошла. Выберите сегодня или позже.
survey-opens-too-far = Опрос можно запланировать не дальше чем на { $max_days } { $max_days ->
    [one] день
    [few] дня
   *[many] дней
} вперёд. Выберите день пораньше.
survey-closes-before-opening = Дата закрытия раньше даты открытия. Выберите дату позже.
survey-too-long = Слишком долго: анкетирование может идти не больше { $max_days } дней.
campaign-confirm =
    Проверьте и запустите:

    Анкета: <b>{ $title }</b> (версия { $version }, { $kind })
    Роли: { $roles }
    Категории: { $categories }
    Формы наставничества: { $forms }
    Стаж: { $cohorts }
    Муниципалитеты: { $municipalities }
    Организации: { $organizations }
    Получат анкету: { $count } чел.
    Открытие: { $opens }
    Ответы до: { $closes } включительно
    { $reminders }

    Анкетирование закрепит эту версию анкеты: если файл анкеты изменится, идущее анкетирование это не затронет.
campaign-launched =
    🚀 Анкетирование «{ $title }» запущено.
    Открытие: { $opens } — тогда анкета придёт участникам (около { $count } чел.).
    Ответы до { $closes } включительно.
campaign-notify-opened = 🟢 Анкетирование «{ $title }» открыто: анкета отправлена { $count } участникам. Ответы до { $closes } включительно.
campaign-notify-closed = ⏹ Анкетирование «{ $title }» закрыто: ответили { $submitted } из { $invited } ({ $percent }%). Итоги — в карточке анкетирования.

## Регулярные анкетирования

schedules-title = Регулярные анкетирования:
schedules-row = • <b>{ $title }</b>: { $months }, по { $days } дн.; следующее — { $next }
schedules-empty = Пока нет. Например, мониторинг два раза в год — в ноябре и в мае.
btn-schedule-new = ➕ Новое регулярное анкетирование
btn-schedule-stop = ⏹ Остановить: { $title }
schedule-ask-months = В какие месяцы запускать анкетирование? Оно будет открываться 1-го числа каждого отмеченного месяца.
schedule-ask-duration = Сколько дней принимать ответы каждый раз?
btn-schedule-duration = { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }
schedule-confirm =
    Проверьте и запустите:

    Анкета: <b>{ $title }</b> (версия { $version }, { $kind })
    Роли: { $roles }
    Категории: { $categories }
    Формы наставничества: { $forms }
    Стаж: { $cohorts }
    Муниципалитеты: { $municipalities }
    Организации: { $organizations }
    Сейчас это { $count } чел.
    Месяцы: { $months } (с 1-го числа)
    Срок ответов: { $days } дн.

    Каждый раз берётся актуальная версия анкеты и актуальный состав участников.
schedule-created = 🔁 Регулярное анкетирование «{ $title }» настроено. Первое откроется { $next }.
schedule-launched = 🔁 Регулярное анкетирование «{ $title }» запущено: анкета отправляется { $count } участникам. Ответы до { $closes } включительно.
schedule-skipped = 🔁 Регулярное анкетирование «{ $template }» в этот раз не запущено: { $reason } Следующее — { $next }.
survey-schedule-no-months = Отметьте хотя бы один месяц.
survey-schedule-stopped = Это регулярное анкетирование уже остановлено.
survey-schedule-owner-gone = у того, кто его настроил, больше нет роли координатора; расписание остановлено.
survey-month-1 = январь
survey-month-2 = февраль
survey-month-3 = март
survey-month-4 = апрель
survey-month-5 = май
survey-month-6 = июнь
survey-month-7 = июль
survey-month-8 = август
survey-month-9 = сентябрь
survey-month-10 = октябрь
survey-month-11 = ноябрь
survey-month-12 = декабрь

## Итоги

survey-results-title =
    📊 <b>{ $title }</b> (версия { $version })
    { $opens } — { $closes } · { $status }
survey-results-rate = Ответили: { $responses } из { $audience } ({ $percent })
survey-results-previous = Прошлое анкетирование ({ $date }): { $percent }, изменение { $delta } п. п.
survey-results-previous-entry = Сравнение с входной анкетой «{ $title }» ({ $date }): ответили { $percent }, изменение { $delta } п. п.; рост по общим вопросам указан в скобках.
survey-results-by-municipality = По муниципалитетам:
survey-results-by-organization = По организациям:
survey-results-group-rate = • { $group }: { $responses } из { $audience } ({ $percent })
survey-results-group-other = Прочие (малые группы)
survey-results-question = <b>{ $number }. { $question }</b> (ответили: { $answered })
survey-results-option = • { $option } — { $share }{ $delta }
survey-results-mean = • среднее: { $mean }{ $delta }
survey-results-number-range = • медиана { $median }, от { $min } до { $max }
survey-results-texts = • развёрнутых ответов: { $count } (читать в XLSX)
survey-results-none-yet = Ответов пока нет.
survey-results-too-few = В вашей зоне меньше { $min } ответов на анонимную анкету: чтобы сохранить анонимность, ответы не показываются — только число ответивших.
survey-results-seen-above-municipality = Сводные результаты видны на уровне муниципалитета «{ $name }»: там { $count ->
        [one] { $count } ответ
        [few] { $count } ответа
       *[many] { $count } ответов
    }. Их покажет координатор муниципалитета.
survey-results-seen-above-region = Сводные результаты видны на уровне региона «{ $name }»: там { $count ->
        [one] { $count } ответ
        [few] { $count } ответа
       *[many] { $count } ответов
    }. Их покажет региональный координатор.
survey-results-seen-nowhere = Выше по уровням ответов пока тоже меньше { $min }: сводные результаты появятся, когда ответит больше участников.
survey-results-named = 👤 <b>Ответы по участникам</b> — анкета не анонимная, ответы подписаны:
survey-results-named-person = <b>{ $name }</b>, { $organization }
survey-results-named-answer = { $number }. { $question } — { $answer }
survey-results-named-more = Показаны первые { $shown } — остальные ответы в XLSX.
survey-results-anonymous-groups = Анкета анонимная: организации и муниципалитеты, где ответили меньше { $min } человек, объединены в «Прочие».
survey-results-xlsx-caption = 📄 { $title }: ответов { $responses }
survey-results-chart-now = сейчас
survey-results-chart-previous = прошлое анкетирование
survey-results-chart-answered = ответили
survey-results-chart-rate = Доля ответивших
