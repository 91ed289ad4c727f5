/* auth.h: to be written */
