invite-ask-role = Кого приглашаем?
invite-ask-category = Категория приглашённых:
invite-ask-expiry = Сколько действует ссылка?
invite-days = { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
}
invite-ask-uses = Сколько человек может зарегистрироваться по ссылке?
invite-uses = { $uses ->
    [0] без ограничения
   *[other] { $uses }
}
invite-ask-parental-consent = Обучающиеся — несовершеннолетние. Подтвердите, что в организации есть согласия их родителей (законных представителей) на обработку персональных данных.
btn-parental-consent-yes = Подтверждаю: согласия родителей есть
btn-parental-consent-no = Согласий пока нет
invite-minor-needs-consent = Без согласия родителей ссылку для обучающихся создать нельзя. Соберите согласия и повторите: /invite
invite-bad-role = Такую роль нельзя выдать приглашением.
invite-bad-expiry = Срок действия — от 1 до { $max } дней.
invite-bad-uses = Число использований — от 1 до { $max }.
invite-created =
    Ссылка-приглашение готова:
    { $link }

    Роль: { $role }, категория: { $category }
    Организация: { $organization }
    Действует до: { $expires }
    Использований: { $uses ->
        [0] без ограничения
       *[other] { $uses }
    }
invite-qr-caption = QR-код этого приглашения ({ $organization }). Распечатайте его для учительской: коллеги наведут камеру телефона и сразу попадут в регистрацию.

people-title = Участники: { $total } (стр. { $page } из { $pages })
people-empty = Никого не найдено.
people-row = { $name } — { $organization } ({ $status })
people-filter-role-all = Все роли
people-filter-role-mentor = Наставники
people-filter-role-mentee = Наставляемые
people-filter-status-all = Все
people-filter-status-active = Активные
people-filter-status-pending = Заявки
btn-approve = ✅ Подтвердить
btn-reject = ✖ Отклонить
btn-grant-mentor = Назначить наставником
btn-revoke-mentor = Снять роль наставника
people-done-approve = Заявка подтверждена.
people-done-reject = Заявка отклонена.
people-done-grant = Роль наставника выдана.
people-done-revoke = Роль наставника снята.
people-closed = Карточка закрыта. Участники: /participants, заявки: /pending
people-open-pending = Заявки на подтверждение — в личном чате с ботом: /pending
people-notify-approve = Координатор подтвердил вашу регистрацию. Добро пожаловать! Команды: /help
people-notify-reject = Координатор отклонил вашу заявку на участие. Если это ошибка, свяжитесь с ответственным за наставничество в вашей организации.
people-notify-grant = Вам выдана роль наставника. Заполните экспертизу в /profile.
people-notify-revoke = Роль наставника с вас снята координатором.
participants-not-pending = Эта заявка уже рассмотрена.
participants-not-active = Участник не активен.
participants-role-unchanged = Роль уже такая.
