/* app.h: to be written */
