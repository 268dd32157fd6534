consent-text =
    <b>Согласие на обработку персональных данных</b>

    Оператор: { $operator }.
    Чтобы участвовать в программе наставничества, бот хранит ваши ФИО, категорию, организацию, предметы, стаж, профессиональные запросы или области экспертизы. Данные используются только для подбора наставников, учёта встреч и отчётности программы, хранятся на серверах в России и не передаются третьим лицам.
    Вы можете в любой момент выгрузить свои данные (/mydata) или удалить аккаунт (/profile) — тогда персональные данные будут уничтожены.

    Версия текста согласия: { $version }.
    Согласны?
btn-consent-yes = ✅ Согласен(на)
btn-consent-no = Не согласен(на)
consent-refused = Хорошо, мы ничего не сохранили. Если передумаете — /start.

start-welcome-back = С возвращением, { $name }! Выберите, что сделать, или наберите /help.
start-pending = { $name }, ваша заявка ждёт подтверждения координатора. Мы сообщим, когда её рассмотрят.
start-rejected = Координатор отклонил заявку. Если это ошибка, свяжитесь с ответственным за наставничество в вашей организации.
start-already-registered = Вы уже зарегистрированы, приглашение не нужно.

ask-full-name = Введите ваши фамилию, имя и отчество, например: <i>Иванова Мария Петровна</i>.
ask-category = Кто вы?
ask-municipality = Выберите муниципалитет:
ask-organization = Выберите организацию (страница { $page } из { $pages }):
ask-role = Чего вы хотите в программе?
ask-subjects = Отметьте предметы, которые вы ведёте или изучаете, и нажмите «Готово».
ask-experience = Сколько полных лет вы работаете педагогом? Введите число, например 2.
ask-deficits = С чем вам нужна помощь? Отметьте всё подходящее и нажмите «Готово».
ask-expertise = В чём вы можете помочь коллегам? Отметьте области экспертизы и нажмите «Готово».
ask-capacity = Сколько наставляемых вы готовы вести одновременно?
ask-flash = Готовы ли вы откликаться на разовые запросы о помощи (флэш-наставничество)?
ask-formats = В каких форматах вы готовы встречаться? Отметьте и нажмите «Готово».

category-teacher = Педагог
category-student = Обучающийся
category-university_student = Студент вуза
category-employer_rep = Представитель предприятия
category-None = —
role-mentee = Наставляемый
role-mentor = Наставник
role-coordinator = Координатор
role-None = —
status-active = активен
status-pending = ждёт подтверждения
status-rejected = отклонён
status-deleted = удалён

summary-title = <b>Проверьте данные:</b>
summary-name = ФИО: { $value }
summary-category = Категория: { $value }
summary-organization = Организация: { $value }
summary-role = Роль: { $value }
summary-subjects = Предметы: { $value }
summary-experience = Стаж: { $years ->
    [one] { $years } год
    [few] { $years } года
   *[many] { $years } лет
}
summary-young-specialist = Молодой специалист (стаж до 3 лет)
summary-deficits = Запросы: { $value }
summary-expertise = Экспертиза: { $value }
summary-capacity = Готов вести наставляемых: { $value }
summary-flash = Флэш-наставничество: { $value }
summary-formats = Форматы: { $value }

registration-done = Готово, { $name }! Вы зарегистрированы. Команды: /help
registration-pending = Спасибо, { $name }! Заявка отправлена координатору вашей организации; мы сообщим, когда её подтвердят.
registration-cancelled = Регистрация отменена, ничего не сохранено. Начать заново: /start
registration-incomplete = Не хватает данных для регистрации. Начните заново: /start
registration-already = Вы уже зарегистрированы.
registration-name-empty = Введите ФИО текстом.
registration-name-too-long = Слишком длинно: не больше { $max } символов.
registration-name-invalid = ФИО должно состоять из букв (можно дефис и апостроф), например: Иванова Мария Петровна.
registration-experience-not-number = Введите стаж целым числом лет, например 5.
registration-experience-range = Стаж должен быть от 0 до { $max } лет.
registration-capacity-range = Выберите число от 1 до { $max }.
registration-expertise-empty = Отметьте хотя бы одну область экспертизы.
registration-formats-empty = Отметьте хотя бы один формат.
registration-minor-needs-invite = Обучающиеся регистрируются только по ссылке-приглашению своей школы: школа подтверждает согласие родителей. Попросите ссылку у классного руководителя или куратора.

invite-not-found = Приглашение не найдено. Проверьте ссылку или начните без неё: /start
invite-expired = Срок действия приглашения истёк. Попросите новую ссылку у координатора или начните без неё: /start
invite-exhausted = Приглашение уже использовано максимальное число раз. Попросите новую ссылку или начните без неё: /start

pending-new = Новая заявка на подтверждение: { $name } ({ $organization }).
pending-reminder = Заявка { $name } ({ $organization }) ждёт подтверждения уже сутки.
btn-open-pending = Открыть заявки
