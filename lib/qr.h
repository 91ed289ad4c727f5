/* qr.h: to be written */
