/* instance_test.c: unit tests of the runtime's internals (instance.h): guarded memories, table and memory bulk operations, signature ids. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "instance.h"

static int passed, failed;

#define CHECK(condition) check((condition), __LINE__, #condition)

static bool check(bool ok, int line, const char *text)
{
    if (ok)
        passed++;
    else {
        failed++;
        printf("instance_test.c:%d: FAIL: %s\n", line, text);
    }
    return ok;
}

/* Writes to `address` in a child process; true if the access faulted (the
 * child did not exit normally: killed by SIGSEGV, or, under a sanitizer,
 * ended by its fault handler). The child's stderr is silenced. */
static bool faults(volatile uint8_t *address)
{
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, 2);
        signal(SIGSEGV, SIG_DFL);
        signal(SIGBUS, SIG_DFL);
        address[0] = 1;
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    return !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void test_memory(wrt_store *store)
{
    wrt_memorytype type = {{1, 3, true}};
    wrt_memory *memory;
    if (!CHECK(memory_create(store, &type, &memory) == WRT_OK))
        return;
    uint8_t *base = memory->base;
    CHECK(memory->size == MEMORY_PAGE_SIZE && memory->pages == 1);
    CHECK(!faults(base + MEMORY_PAGE_SIZE - 1));
    /* Contract 4: past the committed size, inside the reservation, faults. */
    CHECK(faults(base + MEMORY_PAGE_SIZE));
    CHECK(faults(base + 0xffffffffull + 0xffffffffull));
    CHECK(memory_grow(memory, 1) == 1 && memory->base == base);
    CHECK(!faults(base + 2 * MEMORY_PAGE_SIZE - 1));
    CHECK(faults(base + 2 * MEMORY_PAGE_SIZE));
    CHECK(memory_grow(memory, 2) == -1 && memory->pages == 2);
    CHECK(memory_grow(memory, 0) == 2);
    CHECK(memory_grow(memory, UINT32_MAX) == -1);

    /* Bulk operations: whole-range checks, overlap-safe copy. */
    memcpy(base, "abcdef", 6);
    CHECK(memory_copy(memory, 2, memory, 0, 4) == WRT_TRAP_NONE &&
          !memcmp(base, "ababcd", 6));
    CHECK(memory_copy(memory, (uint32_t)memory->size - 1, memory, 0, 2) ==
          WRT_TRAP_MEMORY_OUT_OF_BOUNDS);
    CHECK(memory_fill(memory, (uint32_t)memory->size, 7, 0) == WRT_TRAP_NONE);
    CHECK(memory_fill(memory, (uint32_t)memory->size + 1, 7, 0) ==
          WRT_TRAP_MEMORY_OUT_OF_BOUNDS);
    static const uint8_t data[] = {9, 8, 7};
    CHECK(memory_init(memory, 10, data, 3, 1, 2) == WRT_TRAP_NONE &&
          base[10] == 8 && base[11] == 7);
    CHECK(memory_init(memory, 10, data, 3, 2, 2) ==
          WRT_TRAP_MEMORY_OUT_OF_BOUNDS);

    /* No maximum: the effective one is 65536 pages. */
    wrt_memorytype unbounded = {{0, 0, false}};
    CHECK(memory_create(store, &unbounded, &memory) == WRT_OK &&
          memory->max_pages == MEMORY_MAX_PAGES && memory->size == 0);
    CHECK(faults(memory->base));
    wrt_memorytype too_big = {{65537, 0, false}};
    CHECK(memory_create(store, &too_big, &memory) == WRT_ERR_ARGUMENT);
}

/* Externref elements: the reference only (no signature). */
static void test_table(wrt_store *store)
{
    wrt_tabletype type = {WRT_EXTERNREF, {2, 4, true}};
    wrt_table *table;
    if (!CHECK(table_create(store, &type, NULL, &table) == WRT_OK))
        return;
    int a, b, c;
    CHECK(table_grow(table, 1, &a) == 2 && table->size == 3 &&
          table->refs[2] == &a &&
          table->signature_ids[2] == TABLE_NO_SIGNATURE);
    CHECK(table_grow(table, 2, &a) == -1 && table->size == 3);
    void *items[] = {&a, &b, &c};
    CHECK(table_init(table, 0, items, 3, 0, 3) == WRT_TRAP_NONE &&
          table->refs[2] == &c);
    CHECK(table_init(table, 1, items, 3, 1, 3) == WRT_TRAP_TABLE_OUT_OF_BOUNDS &&
          table->refs[1] == &b);
    CHECK(table_copy(table, 1, table, 0, 2) == WRT_TRAP_NONE &&
          table->refs[1] == &a && table->refs[2] == &b);
    CHECK(table_fill(table, 3, NULL, 0) == WRT_TRAP_NONE);
    CHECK(table_fill(table, 2, NULL, 2) == WRT_TRAP_TABLE_OUT_OF_BOUNDS &&
          table->refs[2] == &b);
}

/* Funcref elements carry copies of the function's code, vmctx and
 * signature id (what call_indirect reads); null ones the null signature. */
static bool holds(const wrt_table *table, uint32_t index, const wrt_func *func)
{
    if (!func)
        return !table->refs[index] && !table->codes[index] &&
               !table->vmctxs[index] &&
               table->signature_ids[index] == TABLE_NO_SIGNATURE;
    return table->refs[index] == func && table->codes[index] == func->code &&
           table->vmctxs[index] == func->vmctx &&
           table->signature_ids[index] == func->signature_id;
}

static void test_funcref_table(wrt_store *store)
{
    wrt_tabletype type = {WRT_FUNCREF, {2, 8, true}};
    wrt_table *table;
    if (!CHECK(table_create(store, &type, NULL, &table) == WRT_OK))
        return;
    static const char code_a[1], code_b[1];
    int context_a, context_b;
    wrt_func a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    a.code = code_a, a.vmctx = &context_a, a.signature_id = 7;
    b.code = code_b, b.vmctx = &context_b, b.signature_id = 9;
    CHECK(holds(table, 0, NULL) && holds(table, 1, NULL));
    CHECK(table_grow(table, 2, &a) == 2 && holds(table, 2, &a) &&
          holds(table, 3, &a));
    void *items[] = {&b, NULL};
    CHECK(table_init(table, 0, items, 2, 0, 2) == WRT_TRAP_NONE &&
          holds(table, 0, &b) && holds(table, 1, NULL));
    CHECK(table_copy(table, 1, table, 0, 3) == WRT_TRAP_NONE &&
          holds(table, 1, &b) && holds(table, 2, NULL) && holds(table, 3, &a));
    CHECK(table_fill(table, 0, &a, 2) == WRT_TRAP_NONE &&
          holds(table, 0, &a) && holds(table, 1, &a));
    CHECK(table_fill(table, 2, NULL, 2) == WRT_TRAP_NONE &&
          holds(table, 2, NULL) && holds(table, 3, NULL));
    CHECK(table_grow(table, 1, NULL) == 4 && holds(table, 4, NULL));
    /* Growing past the capacity moves all four arrays with their contents. */
    wrt_tabletype unbounded = {WRT_FUNCREF, {1, 0, false}};
    if (!CHECK(table_create(store, &unbounded, &b, &table) == WRT_OK))
        return;
    CHECK(table_grow(table, 40, &a) == 1 && table->capacity >= 41 &&
          holds(table, 0, &b) && holds(table, 1, &a) && holds(table, 40, &a));
    CHECK(table_grow(table, 100, NULL) == 41 && holds(table, 0, &b) &&
          holds(table, 40, &a) && holds(table, 140, NULL));
}

static void test_signatures(wrt_engine *engine)
{
    wrt_valtype i32 = WRT_I32, i64 = WRT_I64;
    uint32_t first = engine_signature_id(engine, &i32, 1, &i64, 1);
    uint32_t same = engine_signature_id(engine, &i32, 1, &i64, 1);
    uint32_t swapped = engine_signature_id(engine, &i64, 1, &i32, 1);
    uint32_t empty = engine_signature_id(engine, NULL, 0, NULL, 0);
    CHECK(first == same && first != swapped && empty != first);
    const wrt_functype *type = engine_signature_type(engine, first);
    CHECK(type->param_count == 1 && type->params[0] == WRT_I32 &&
          type->result_count == 1 && type->results[0] == WRT_I64);
}

static void test_errors(wrt_store *store)
{
    CHECK(store_trap(store, WRT_TRAP_UNREACHABLE, 3, 0x2a, NULL) == WRT_TRAP);
    const wrt_error *error = wrt_store_error(store);
    CHECK(error->trap == WRT_TRAP_UNREACHABLE && error->func_index == 3 &&
          error->offset == 0x2a && !strcmp(error->message, "unreachable"));
    CHECK(store_fail(store, WRT_ERR_LIMIT, "x %d", 1) == WRT_ERR_LIMIT);
    CHECK(error->trap == WRT_TRAP_NONE && error->offset == WRT_NO_OFFSET &&
          !strcmp(error->message, "x 1"));
}

static void test_slots(void)
{
    wrt_val value = value_default(WRT_F32);
    uint32_t nan_bits = 0x7fa00001u; /* a signalling NaN payload survives */
    memcpy(&value.of.f32, &nan_bits, 4);
    uint64_t slot = value_to_slot(value);
    CHECK(slot == nan_bits);
    wrt_val back = value_from_slot(WRT_F32, slot);
    CHECK(!memcmp(&back.of.f32, &nan_bits, 4));
    value = value_default(WRT_I32);
    value.of.i32 = -1;
    CHECK(value_to_slot(value) == 0xffffffffu);
    CHECK(value_from_slot(WRT_I32, 0x1ffffffffull).of.i32 == -1);
    value = value_default(WRT_EXTERNREF);
    value.of.externref = &value;
    CHECK(value_from_slot(WRT_EXTERNREF, value_to_slot(value)).of.externref ==
          &value);
}

int main(void)
{
    test_slots();
    wrt_engine *engine = wrt_engine_new();
    wrt_store *store = wrt_store_new(engine);
    test_memory(store);
    test_table(store);
    test_funcref_table(store);
    test_signatures(engine);
    test_errors(store);
    wrt_store_delete(store);
    wrt_engine_delete(engine);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
