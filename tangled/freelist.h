#ifndef PM_FREELIST_H
#define PM_FREELIST_H
#define PM_LIST_MAXFREELIST 80
extern PmListObject *pm_list_free_list[PM_LIST_MAXFREELIST];
extern int pm_list_numfree;
extern int pm_freelists_enabled;
Pm_ssize_t Pm_ClearFreeLists(void);
Pm_ssize_t _PmFloat_ClearFreeList(void);
Pm_ssize_t _PmTuple_ClearFreeList(void);
PmObject *_PmFloat_FreeList(void);     /* the first dead float, or NULL */
int _PmFloat_NumFree(void);
#endif
