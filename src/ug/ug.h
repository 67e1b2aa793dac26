/* ug/ug.h: umbrella header of libungarble. */
#ifndef UG_UG_H
#define UG_UG_H
#include "ug/status.h"
#include "ug/buf.h"
#include "ug/lineio.h"
#include "ug/record.h"
#include "ug/offmap.h"
#include "ug/normalize.h"
#include "ug/segment.h"
#include "ug/detect.h"
#endif
