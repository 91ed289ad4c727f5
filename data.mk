# data.mk
