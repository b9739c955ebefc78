/* answers.h -- the code of the worked answers (appendix A) */
#ifndef PM_ANSWERS_H
#define PM_ANSWERS_H
#include "pm.h"
void Ans1_Print(PmObject *op, FILE *out);       /* like PmObject_Print; [...] */
void Ans1_ListInsert(PmObject *list, Pm_ssize_t i, PmObject *item);  /* borrows */
void Ans2_ListClear(PmObject *list);
PmObject *Ans2_Witness(PmObject *list);   /* reports len(list) when it dies */
extern Pm_ssize_t Ans2_SizeSeen;
PmObject *Ans2_FirstItem(PmObject *list);  /* steals list; a new reference */
void Ans3_FailAfter(PmMemDomain domain, long n);   /* the n-th call on fails */
void Ans3_FailStop(void);
void Ans3_TraceStart(void);
void Ans3_TraceStop(void);
void Ans3_TracedMemory(size_t *current, size_t *peak);
#define ANS4_POOL_SIZE 16384
#define ANS4_POOL_OVERHEAD 48
typedef struct {                           /* at the start of the pool */
    uint8_t *freeblock;                    /* a freed block, or NULL */
    size_t size;                           /* bytes per block */
    unsigned nextoffset;                   /* first block never handed out */
    unsigned count;                        /* blocks in use */
} Ans4_Pool;
Ans4_Pool *Ans4_PoolNew(size_t block_size);
void *Ans4_PoolAlloc(Ans4_Pool *pool);     /* NULL when the pool is full */
void Ans4_PoolFree(Ans4_Pool *pool, void *p);
void Ans4_PoolDelete(Ans4_Pool *pool);
int Ans5_CheckBlock(const void *p, char *why, size_t n);   /* 0: intact */
void Ans6_FirstSizes(int n, unsigned *sizes);   /* workload 2's first sizes */
int Ans6_CompareRounds(const double *a, const double *b, int rounds, double *median_ratio);
extern PmTypeObject Ans8_Int_Type;
PmObject *Ans8_IntFromLong(long long v);
int Ans8_IntNumFree(void);
void Ans9_AppendDoubling(PmObject *list, PmObject *item);   /* borrows item */
PmObject *Ans10_IntFromLong(long long v);   /* cached from -5 to 1024 */
PmObject *Ans11_NaiveDeepCopy(PmObject *x);   /* NULL: nested too deep */
PmObject *Ans12_GetReferents(PmObject *op);   /* new list; [] for an atom */
PmObject *Ans12_WeakValueDict_New(void);
void Ans12_WeakValueDict_Set(PmObject *cache, PmObject *key, PmObject *value);
PmObject *Ans12_WeakValueDict_Get(PmObject *cache, PmObject *key);  /* borrowed, or NULL */
Pm_ssize_t Ans12_WeakValueDict_Size(PmObject *cache);
void Ans13_CountCollections(long lists, int threshold0, int counts[3]);
void Ans14_DisplayTop(const PmTraceSnapshot *s, PmTraceKey key, size_t limit, FILE *out);
Pm_ssize_t Ans15_Count(const char *typename);   /* objgraph.count(typename) */
PmObject *Ans16_SliceStep(PmObject *mv, Pm_ssize_t start, Pm_ssize_t stop,
                          Pm_ssize_t step);                   /* mv[start:stop:step] */
PmObject *Ans16_ToBytes(PmObject *mv);                        /* tobytes(), strided  */
#endif
