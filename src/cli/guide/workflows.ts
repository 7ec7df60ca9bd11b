// The step-by-step workflows `pachca guide` shows: the everyday tasks of Pachca's API for
// profiles, users, group tags and statuses, as commands of this CLI. The text is in Russian, the
// language of Pachca's own docs, with an English title for each, so a query in either language
// finds it. A value in angle brackets (`<user_id>`) is for the reader to fill in; a test runs every
// command here against the emulator with them filled, so the guide keeps up with the CLI.

export interface GuideStep {
  /** What to do, in Russian. */
  text: string;
  /** One `pachca …` command line. */
  command: string;
}

export interface Workflow {
  /** A short name to ask for it: `pachca guide offboard`. */
  id: string;
  area: GuideArea;
  title: string;
  title_ru: string;
  steps: GuideStep[];
  /** What to know beyond the steps, in Russian. */
  note?: string;
}

export const GUIDE_AREAS = {
  start: { title: 'Getting started', title_ru: 'Начало работы' },
  profile: { title: 'Your profile', title_ru: 'Свой профиль' },
  users: { title: 'Employees', title_ru: 'Сотрудники' },
  tags: { title: 'Group tags', title_ru: 'Теги сотрудников' },
  statuses: { title: 'Statuses', title_ru: 'Статусы' },
} as const;

export type GuideArea = keyof typeof GUIDE_AREAS;

export const WORKFLOWS: readonly Workflow[] = [
  {
    id: 'login',
    area: 'start',
    title: 'Save a token in a profile',
    title_ru: 'Сохранить токен в профиле',
    steps: [
      {
        text: 'Проверь токен и сохрани его: дальше команды работают без --token',
        command: 'pachca auth login --token "$PACHCA_TOKEN"',
      },
      { text: 'Проверь, какой профиль и токен сейчас используются', command: 'pachca auth status' },
    ],
    note:
      'Токен бота: «Автоматизации» → «Интеграции» → «API»; личный токен: «Автоматизации» → «API». ' +
      'Профиль запоминает сервер, для которого сохранён, и его токен уходит только туда. ' +
      'Разовый запуск без профиля: --token или переменная PACHCA_TOKEN.',
  },
  {
    id: 'profile',
    area: 'profile',
    title: 'Get your profile',
    title_ru: 'Получить свой профиль',
    steps: [{ text: 'Получи данные пользователя, которому принадлежит токен', command: 'pachca profile get' }],
    note: 'В ответе: имя, никнейм, email, телефон, отдел, должность, роль, теги, дополнительные поля, статус и аватар.',
  },
  {
    id: 'token',
    area: 'profile',
    title: 'Check your token',
    title_ru: 'Проверить свой токен',
    steps: [{ text: 'Узнай скоупы токена, когда он создан и когда истекает', command: 'pachca profile get-info' }],
    note: 'Этот запрос не требует скоупов: так удобно выяснить, почему другая команда получает 403.',
  },
  {
    id: 'set-status',
    area: 'statuses',
    title: 'Set your status',
    title_ru: 'Установить свой статус',
    steps: [
      {
        text: 'Установи статус «Нет на месте» с сообщением и временем автосброса',
        command:
          'pachca profile update-status --emoji="🏖️" --title="В отпуске" --is-away --away-message="Вернусь 10 марта" --expires-at="2030-03-10T23:59:59.000Z"',
      },
      { text: 'Проверь, что статус установлен', command: 'pachca profile get-status' },
    ],
    note:
      '--is-away включает режим «Нет на месте»; --expires-at сбрасывает статус в указанный момент (ISO-8601, UTC); ' +
      'сообщение — до 1024 символов.',
  },
  {
    id: 'reset-status',
    area: 'statuses',
    title: 'Reset your status',
    title_ru: 'Сбросить свой статус',
    steps: [{ text: 'Удали статус', command: 'pachca profile delete-status --force' }],
  },
  {
    id: 'custom-fields',
    area: 'profile',
    title: 'Custom fields of profiles',
    title_ru: 'Дополнительные поля профиля',
    steps: [
      {
        text: 'Получи список дополнительных полей сотрудников',
        command: 'pachca common custom-properties --entity-type=User',
      },
      { text: 'Значения полей — в custom_properties профиля', command: 'pachca profile get' },
    ],
    note: 'Поля настраивает администратор пространства; у каждого есть id и тип (строка, число, дата, ссылка).',
  },
  {
    id: 'avatar',
    area: 'profile',
    title: 'Upload or delete your avatar',
    title_ru: 'Загрузить или удалить аватар',
    steps: [
      {
        text: 'Загрузи аватар из файла (PNG, JPEG, GIF или WebP)',
        command: 'pachca profile update-avatar --file=<путь_к_файлу>',
      },
      { text: 'Удали аватар', command: 'pachca profile delete-avatar --force' },
    ],
  },
  {
    id: 'get-user',
    area: 'users',
    title: 'Get an employee by id',
    title_ru: 'Получить сотрудника по id',
    steps: [{ text: 'Получи данные сотрудника', command: 'pachca users get <user_id>' }],
    note: 'В ответе все поля, в том числе custom_properties, user_status и list_tags.',
  },
  {
    id: 'find-user',
    area: 'users',
    title: 'Find an employee by name or email',
    title_ru: 'Найти сотрудника по имени или email',
    steps: [
      {
        text: 'Найди по части имени, фамилии, никнейма, email или телефона',
        command: 'pachca users list --query=Иван',
      },
      {
        text: 'Выгрузи всех найденных, а не одну страницу',
        command: 'pachca users list --query=example.com --all -c id,email',
      },
    ],
    note: 'Списки постраничные (limit до 50 и cursor): --all проходит все страницы, --cursor продолжает с указанной.',
  },
  {
    id: 'bulk-create',
    area: 'users',
    title: 'Bulk create employees with tags',
    title_ru: 'Массово создать сотрудников с тегами',
    steps: [
      { text: 'Создай тег, если его ещё нет', command: 'pachca group-tags create --name="Analytics"' },
      {
        text: 'Создай каждого сотрудника сразу с тегами (по именам)',
        command:
          'pachca users create --first-name="Иван" --last-name="Петров" --email="ivan.petrov@example.com" --list-tags=Analytics --skip-email-notify',
      },
      {
        text: 'Или добавь теги уже существующему сотруднику: список заменяет прежний',
        command: 'pachca users update <user_id> --list-tags=Analytics,Backend',
      },
    ],
    note:
      'Создавать сотрудников могут только администраторы и владелец, не боты. Отдельной команды «добавить в тег» нет: ' +
      'теги задаются полем list_tags. Без --skip-email-notify сотрудник получит приглашение на почту.',
  },
  {
    id: 'offboard',
    area: 'users',
    title: 'Offboard an employee',
    title_ru: 'Отключить уволенного сотрудника',
    steps: [
      { text: 'Заблокируй доступ: данные сохраняются', command: 'pachca users update <user_id> --suspended' },
      { text: 'При необходимости удали аккаунт навсегда', command: 'pachca users delete <user_id> --force' },
    ],
    note: 'Блокировку можно снять (--no-suspended), удаление необратимо. Владельца пространства нельзя ни заблокировать, ни удалить.',
  },
  {
    id: 'tag-members',
    area: 'tags',
    title: "A tag's members",
    title_ru: 'Все сотрудники тега',
    steps: [
      { text: 'Найди тег по названию и возьми его id', command: 'pachca group-tags list --names=Backend' },
      { text: 'Получи всех сотрудников тега', command: 'pachca group-tags list-users <tag_id> --all' },
    ],
    note: 'Фильтр --names работает на сервере и сравнивает названия без учёта регистра; --all проходит все страницы.',
  },
  {
    id: 'user-status',
    area: 'statuses',
    title: "An employee's status",
    title_ru: 'Статус сотрудника',
    steps: [
      { text: 'Получи текущий статус сотрудника', command: 'pachca users get-status <user_id>' },
      {
        text: 'Установи сотруднику статус',
        command: 'pachca users update-status <user_id> --emoji="🏖️" --title="В отпуске" --is-away',
      },
      { text: 'Удали статус сотрудника', command: 'pachca users remove-status <user_id> --force' },
    ],
    note: 'Менять статусы других сотрудников могут администраторы и владелец (скоуп user_status:write).',
  },
];
