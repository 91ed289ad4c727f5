/* stmt.h: to be written */
