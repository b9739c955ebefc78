#define _GNU_SOURCE                    /* dladdr, popen */
#include <dlfcn.h>
#include <execinfo.h>
#include <string.h>
#include "pm.h"

static const char domain_id[PM_MEM_NDOMAINS] = {'r', 'm', 'o'};
static const char *door_name[PM_MEM_NDOMAINS] = {"PmMem_Raw", "PmMem_", "PmObject_"};
static size_t serial;                  /* debug allocations so far */

typedef struct {                       /* one hook per domain */
    PmMemAllocator wrapped;
    PmMemDomain domain;
} DebugHook;
static DebugHook hooks[PM_MEM_NDOMAINS];
#define PM_QUARANTINE 4096             /* freed blocks kept before reuse */
static struct { void *p; DebugHook *hook; } quarantine[PM_QUARANTINE];
static size_t quarantine_next;         /* oldest entry, once full */
__attribute__((noinline)) static void record_site(void **frames, int n)
{
    void *buf[PM_DEBUG_FRAMES + 2];
    int got = backtrace(buf, n + 2);
    for (int i = 0; i < n; i++)
        frames[i] = i + 2 < got ? buf[i + 2] : NULL;   /* skip record_site, the hook */
}
/* A chapter's path from "chapters/" on, a test's from "tests/" on: the
   same in every checkout of the book. */
static const char *short_path(const char *path)
{
    const char *keys[] = {"/chapters/", "/tests/", NULL};
    for (int i = 0; keys[i]; i++) {
        const char *k = strstr(path, keys[i]);
        if (k != NULL)
            return k + 1;
    }
    return path;
}

/* "file:line (function)" for a return address, via addr2line. */
static void describe(void *addr, char *out, size_t n)
{
    Dl_info info;
    char cmd[1024], func[256] = "?", where[512] = "?";
    snprintf(out, n, "%p", addr);
    if (addr == NULL || !dladdr(addr, &info) || info.dli_fname == NULL)
        return;
    const char *file = strchr(info.dli_fname, '/') ? info.dli_fname : "/proc/self/exe";
    uintptr_t off = (uintptr_t)addr - (uintptr_t)info.dli_fbase - 1;   /* the call */
    snprintf(cmd, sizeof cmd, "addr2line -f -e '%s' 0x%lx 2>/dev/null", file, (unsigned long)off);
    FILE *p = popen(cmd, "r");
    if (p == NULL)
        return;
    if (fgets(func, sizeof func, p) && fgets(where, sizeof where, p)) {
        func[strcspn(func, "\n")] = '\0';
        where[strcspn(where, " \n")] = '\0';          /* drop "(discriminator 2)" */
        snprintf(out, n, "%s (%s)", short_path(where), func);
    }
    pclose(p);
}
static int is_door(const char *desc)
{
    static const char *doors[] = {"(PmObject_Malloc)", "(PmObject_Calloc)", "(PmObject_Realloc)",
        "(PmObject_Free)", "(PmMem_", "(PmObject_New)", "(PmObject_NewVar)", "(debug_", NULL};
    for (int i = 0; doors[i]; i++)
        if (strstr(desc, doors[i]))
            return 1;
    return 0;
}

static void site(void *const *frames, int n, char *out, size_t size)
{
    char a[600] = "an unknown place", b[600] = "";
    int i = 0;
    while (i < n && frames[i] != NULL && (describe(frames[i], a, sizeof a), is_door(a)))
        i++;
    if (i + 1 < n && frames[i + 1] != NULL)
        describe(frames[i + 1], b, sizeof b);
    snprintf(out, size, "%s%s%s", a, b[0] ? ", called from " : "", b);
}
static void report(const char *what, void *p, const char *detail)
{
    PmDebugHeader *h = PM_HEAD(p);
    char at[1300], freed[1300] = "";
    int d = 0;
    while (d < PM_MEM_NDOMAINS && domain_id[d] != (h->id | 0x20))   /* lower case */
        d++;
    site(h->allocated_at, PM_DEBUG_FRAMES, at, sizeof at);
    if (h->freed_at[0] != NULL) {
        strcpy(freed, "; freed at ");
        site(h->freed_at, PM_FREE_FRAMES, freed + strlen(freed), sizeof freed - strlen(freed));
    }
    Pm_FatalError("debug allocator", "%s: block at %p (%zu bytes, domain %s, serial %zu) "
                  "allocated at %s%s%s%s", what, p, h->size,
                  d < PM_MEM_NDOMAINS ? PmMem_DomainName(d) : "?", h->serial,
                  at, freed, detail[0] ? "; " : "", detail);
}
static int valid_id(uint8_t id)
{
    for (int d = 0; d < PM_MEM_NDOMAINS; d++)
        if (id == (uint8_t)domain_id[d] || id == (uint8_t)(domain_id[d] - 0x20))
            return 1;
    return 0;
}

static void check_block(void *p, DebugHook *hook)
{
    PmDebugHeader *h = PM_HEAD(p);
    char detail[256];
    if (!valid_id(h->id))
        Pm_FatalError("debug allocator", "free of %p: not a block of the debug allocator "
                      "(id byte 0x%02x: never allocated here, or its header was overwritten)",
                      p, h->id);
    for (int i = 0; i < 7; i++)
        if (h->pad[i] != PM_FORBIDDENBYTE) {
            snprintf(detail, sizeof detail, "byte %d before the start is 0x%02x, should be 0x%02x",
                     i - 7, h->pad[i], PM_FORBIDDENBYTE);
            report("write before the start of a block", p, detail);
        }
    char mine = domain_id[hook->domain];
    for (int d = 0; h->id != (uint8_t)mine && d < PM_MEM_NDOMAINS; d++) {
        if (h->id == (uint8_t)(domain_id[d] - 0x20)) {
            snprintf(detail, sizeof detail, "freed again through %sFree", door_name[hook->domain]);
            report("double free", p, detail);
        }
        if (h->id == (uint8_t)domain_id[d]) {
            snprintf(detail, sizeof detail, "allocated through %sMalloc, freed through %sFree",
                     door_name[d], door_name[hook->domain]);
            report("freed through the wrong domain", p, detail);
        }
    }
    for (int i = 0; i < PM_TAIL_PAD; i++)
        if (PM_TAIL(p)[i] != PM_FORBIDDENBYTE) {
            snprintf(detail, sizeof detail, "byte %d after the end is 0x%02x, should be 0x%02x",
                     i, PM_TAIL(p)[i], PM_FORBIDDENBYTE);
            report("write past the end of a block", p, detail);
        }
}
static void check_dead(void *p)
{
    PmDebugHeader *h = PM_HEAD(p);
    const uint8_t *data = p;
    for (size_t i = 0; i < h->size; i++)
        if (data[i] != PM_DEADBYTE) {
            char detail[128];
            snprintf(detail, sizeof detail, "byte %zu is 0x%02x, should be 0x%02x",
                     i, data[i], PM_DEADBYTE);
            report("write to a block after it was freed", p, detail);
        }
}
static void check_heap_if_asked(const char *where)
{
    static int asked = -1;
    char why[512];
    if (asked < 0) {
        const char *env = getenv("PMDEBUG_CHECK_HEAP");
        asked = env != NULL && *env != '\0' && strcmp(env, "0") != 0;
    }
    if (asked && PmMem_CheckHeap(why, sizeof why) != 0)
        Pm_FatalError(where, "the heap is broken: %s", why);
}
static void *debug_malloc(void *ctx, size_t n)
{
    DebugHook *hook = ctx;
    check_heap_if_asked("debug allocator (malloc)");
    if (n > SIZE_MAX - sizeof(PmDebugHeader) - PM_TAIL_PAD)
        return NULL;
    PmDebugHeader *h = hook->wrapped.malloc(hook->wrapped.ctx,
                                            sizeof *h + n + PM_TAIL_PAD);
    if (h == NULL)
        return NULL;
    h->size = n;
    h->serial = ++serial;
    record_site(h->allocated_at, PM_DEBUG_FRAMES);
    memset(h->freed_at, 0, sizeof h->freed_at);
    h->id = (uint8_t)domain_id[hook->domain];
    memset(h->pad, PM_FORBIDDENBYTE, sizeof h->pad);
    memset(h + 1, PM_CLEANBYTE, n);
    memset((uint8_t *)(h + 1) + n, PM_FORBIDDENBYTE, PM_TAIL_PAD);
    return h + 1;
}
static void debug_free(void *ctx, void *p)
{
    DebugHook *hook = ctx;
    if (p == NULL)
        return;
    check_heap_if_asked("debug allocator (free)");
    check_block(p, hook);
    PmDebugHeader *h = PM_HEAD(p);
    h->id = (uint8_t)(h->id - 0x20);                  /* freed: upper case */
    record_site(h->freed_at, PM_FREE_FRAMES);
    memset(p, PM_DEADBYTE, h->size);
    size_t slot = quarantine_next++ % PM_QUARANTINE;
    if (quarantine[slot].p != NULL) {                  /* the oldest leaves */
        check_dead(quarantine[slot].p);
        DebugHook *old = quarantine[slot].hook;
        old->wrapped.free(old->wrapped.ctx, PM_HEAD(quarantine[slot].p));
    }
    quarantine[slot].p = p;
    quarantine[slot].hook = hook;
}
static void *debug_calloc(void *ctx, size_t k, size_t n)
{
    if (n != 0 && k > SIZE_MAX / n)
        return NULL;
    void *p = debug_malloc(ctx, k * n);
    return p ? memset(p, 0, k * n) : NULL;
}

static void *debug_realloc(void *ctx, void *p, size_t n)
{
    if (p == NULL)
        return debug_malloc(ctx, n);
    check_block(p, ctx);
    void *q = debug_malloc(ctx, n);
    if (q != NULL) {
        memcpy(q, p, PM_HEAD(p)->size < n ? PM_HEAD(p)->size : n);
        debug_free(ctx, p);
    }
    return q;
}
void PmMem_SetupDebugHooks(void)
{
    for (int d = 0; d < PM_MEM_NDOMAINS; d++) {
        if (hooks[d].wrapped.malloc != NULL)
            continue;                                  /* already installed */
        hooks[d].domain = (PmMemDomain)d;
        PmMem_GetAllocator(d, &hooks[d].wrapped);
        PmMemAllocator a = {&hooks[d], debug_malloc, debug_calloc, debug_realloc, debug_free};
        PmMem_SetAllocator(d, &a);
    }
}

void PmMem_DebugCheck(void)
{
    for (size_t i = 0; i < PM_QUARANTINE; i++)
        if (quarantine[i].p != NULL)
            check_dead(quarantine[i].p);
}
