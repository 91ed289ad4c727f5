# t/unit/domain.mk
