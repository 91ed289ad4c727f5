# t/unit/app.mk
