/* view.h: to be written */
