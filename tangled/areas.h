#ifndef PM_AREAS_H
#define PM_AREAS_H
typedef enum { PM_AREA_UNKNOWN, PM_AREA_STACK, PM_AREA_HEAP,
               PM_AREA_DATA, PM_AREA_RODATA, PM_AREA_CODE } PmArea;
PmArea Pm_AreaOf(const void *p);
const char *Pm_AreaName(PmArea a);
#endif
