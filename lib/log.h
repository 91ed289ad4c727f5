/* log.h: to be written */
