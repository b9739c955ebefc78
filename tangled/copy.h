#ifndef PM_COPY_H
#define PM_COPY_H
PmObject *PmCopy_Copy(PmObject *x);       /* copy.copy(x): a new reference */
PmObject *PmCopy_DeepCopy(PmObject *x);   /* copy.deepcopy(x)              */
typedef struct PmCopyMemo PmCopyMemo;
PmCopyMemo *PmCopyMemo_New(void);
void PmCopyMemo_Free(PmCopyMemo *memo);    /* releases originals and copies */
PmObject *PmCopyMemo_Get(PmCopyMemo *memo, PmObject *orig);   /* borrowed */
Pm_ssize_t PmCopyMemo_Size(PmCopyMemo *memo);
PmObject *PmCopy_DeepCopyMemo(PmObject *x, PmCopyMemo *memo); /* deepcopy(x, memo) */
typedef struct {
    Pm_ssize_t nodes;                  /* objects visited                   */
    Pm_ssize_t peak_frames;            /* deepest the work stack grew       */
    Pm_ssize_t memoised;               /* originals put in the memo         */
} PmCopyStats;
PmCopyStats PmCopy_GetStats(void);     /* of the last deep copy             */
#endif
