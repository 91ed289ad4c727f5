/* conf.h: to be written */
