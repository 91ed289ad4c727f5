# t/unit/core.mk
