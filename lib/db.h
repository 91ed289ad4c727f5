/* db.h: to be written */
