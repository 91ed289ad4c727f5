/* erp.h: to be written */
