/* audit.h: to be written */
