#ifndef PM_H
#define PM_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include "mem.h"
#include "object.h"
#include "intobject.h"
#include "strobject.h"
#include "listobject.h"
#include "areas.h"
/* headers added by later chapters follow */
#include "floatobject.h"
#include "tupleobject.h"
#include "freelist.h"
#include "dictobject.h"
#include "code.h"
#include "copy.h"
#endif
