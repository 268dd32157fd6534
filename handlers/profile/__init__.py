from handlers.profile.handlers import router as router  # noqa
