cancelled = Действие отменено. Ничего не изменено.
nothing-to-cancel = Отменять нечего.
help-title = Что я умею:
language-choose = Выберите язык:
language-ru = Русский
language-en = English
language-set = Язык интерфейса: русский.
value-none = не указано

btn-back = ◀ Назад
# The counter beside a paged list's title.
list-page = (стр. { $page } из { $pages })
btn-cancel = ✖ Отмена
btn-done = Готово
btn-yes = Да
btn-no = Нет
btn-confirm = ✅ Подтвердить

cmd-start = начать и зарегистрироваться
cmd-help = что умеет бот
cmd-profile = мой профиль
cmd-mydata = выгрузить мои данные
cmd-language = язык интерфейса
cmd-cancel = отменить текущее действие
cmd-invite = создать ссылку-приглашение
cmd-participants = участники моей зоны
cmd-pending = заявки на подтверждение

fallback-unknown-command = Такой команды нет. Список команд: /help
fallback-step = Сейчас я жду другой ответ: воспользуйтесь кнопками под последним сообщением или введите то, что спрошено. Отменить: /cancel
fallback-stranger = Здравствуйте! Я бот программы наставничества: помогаю найти наставника, записывать встречи, отвечать на анкеты и узнавать о мероприятиях. Чтобы начать, нажмите /start — регистрация займёт пару минут. Что умеет бот: /help
fallback-menu = Я отвечаю на команды и кнопки. Вот ваше меню:
fallback-menu-mentee = Я отвечаю на команды и кнопки. Нужна помощь коллеги? Нажмите «⚡ Попросить помощи» в меню ниже и опишите вопрос — его увидят наставники.

admin-error-report = ⚠ Ошибка при обработке обновления { $update_id }: { $error }. Подробности в журнале.{ $suppressed ->
        [0] {""}
        [one] {" "}С прошлого сообщения пропущено ещё { $suppressed } сообщение об ошибке.
        [few] {" "}С прошлого сообщения пропущено ещё { $suppressed } сообщения об ошибках.
       *[many] {" "}С прошлого сообщения пропущено ещё { $suppressed } сообщений об ошибках.
    }
cmd-events = мероприятия
cmd-surveys = мои анкеты
cmd-flash = попросить помощи (флэш-наставник)
cmd-requests = мои запросы о помощи
cmd-mentorships = мои наставнические пары
cmd-offers = запросы о помощи мне как наставнику
cmd-meet = записать встречу
cmd-pairs = наставнические пары и группы
cmd-announce = сделать объявление
cmd-newevent = создать мероприятие
cmd-campaigns = анкетирования
cmd-roadmap = дорожная карта

cmd-menu = главное меню

## The main menu (/menu): the person's commands as buttons.
menu-title = Главное меню. Что сделать?
menu-register-first = Меню появится после регистрации: нажмите /start.
menu-pending = Вы зарегистрированы, заявка ждёт подтверждения. { $reach ->
        [organization] Её рассмотрит координатор вашей организации ({ $organization }).
        [municipality] В вашей организации пока нет координатора, поэтому её рассмотрит координатор муниципалитета ({ $municipality }).
        [region] Ни в вашей организации, ни в муниципалитете пока нет координатора, поэтому её рассмотрит координатор региона ({ $region }).
        [admins] Координатора пока нет ни в вашей организации, ни в муниципалитете, ни в регионе, поэтому её рассмотрит администратор программы.
       *[nobody] Рассмотреть её пока некому: координатора нет ни в вашей организации, ни в муниципалитете, ни в регионе. Её увидит координатор, как только он появится.
    } Мы сообщим о решении.

    Пока заявка ждёт, можно:
    /profile — посмотреть и изменить профиль, сменить организацию или удалить аккаунт
    /mydata — выгрузить свои данные
    /help — что умеет бот
menu-btn-flash = ⚡ Попросить помощи
menu-btn-requests = 📨 Мои запросы
menu-btn-offers = 🙋 Запросы ко мне
menu-btn-meet = 📝 Записать встречу
menu-btn-mentorships = 🤝 Мои пары
menu-btn-events = 📅 Мероприятия
menu-btn-surveys = 📋 Анкеты
menu-btn-invite = 🔗 Приглашение
menu-btn-participants = 👥 Участники
menu-btn-pending = ⏳ Заявки
menu-btn-pairs = 🧩 Пары и группы
menu-btn-announce = 📢 Объявление
menu-btn-newevent = 🗓 Новое мероприятие
menu-btn-campaigns = 📊 Анкетирования
menu-btn-roadmap = 🗺 Дорожная карта
menu-btn-profile = 👤 Профиль
menu-btn-language = 🌐 Язык
## The coordinator's menu in sections: a section's button, and its screen's title.
menu-section-people = 👥 Люди
menu-section-pairs = 🧩 Пары и группы
menu-section-events = 📢 Мероприятия и объявления
menu-section-surveys = 📊 Анкеты
menu-section-roadmap = 🗺 Дорожная карта
menu-section-mine = 🙋 Моё наставничество
menu-title-people = Люди: приглашения, участники и заявки на регистрацию.
menu-title-pairs = Пары и группы наставничества.
menu-title-events = Мероприятия и объявления.
menu-title-surveys = Анкеты и анкетирования.
menu-title-roadmap = Дорожная карта.
menu-title-mine = Ваше наставничество: запросы, встречи, пары.

## The date picker (handlers/kit/dates.py)
calendar-month = { $month ->
    [1] Январь
    [2] Февраль
    [3] Март
    [4] Апрель
    [5] Май
    [6] Июнь
    [7] Июль
    [8] Август
    [9] Сентябрь
    [10] Октябрь
    [11] Ноябрь
   *[12] Декабрь
}
calendar-weekdays = Пн Вт Ср Чт Пт Сб Вс
