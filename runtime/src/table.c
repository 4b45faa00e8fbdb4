/* table.c: tables of references (funcref = wrt_func *, externref = host pointer), growable. */
#include <stdlib.h>
#include <string.h>

#include "instance.h"

/* Bytes per element over the four arrays of a wrt_table. */
#define TABLE_ELEMENT_BYTES (3 * sizeof(void *) + sizeof(uint32_t))

/* Makes room for `size` elements; false if out of memory. The four arrays
 * share one block (pointer arrays first, so each is aligned): a larger
 * capacity moves every array, with the `size` elements in use. */
static bool table_reserve(wrt_table *table, uint32_t size)
{
    if (size <= table->capacity)
        return true;
    uint64_t capacity = table->capacity ? table->capacity : 8;
    while (capacity < size)
        capacity *= 2;
    if (capacity > table->max)
        capacity = table->max > size ? table->max : size;
    uint8_t *block = malloc(capacity * TABLE_ELEMENT_BYTES);
    if (!block)
        return false;
    const void **codes = (const void **)block;
    void **vmctxs = (void **)(codes + capacity);
    void **refs = vmctxs + capacity;
    uint32_t *signature_ids = (uint32_t *)(refs + capacity);
    if (table->size) {
        memcpy(codes, table->codes, table->size * sizeof *codes);
        memcpy(vmctxs, table->vmctxs, table->size * sizeof *vmctxs);
        memcpy(refs, table->refs, table->size * sizeof *refs);
        memcpy(signature_ids, table->signature_ids, table->size * sizeof *signature_ids);
    }
    free(table->codes);
    table->codes = codes;
    table->vmctxs = vmctxs;
    table->refs = refs;
    table->signature_ids = signature_ids;
    table->capacity = (uint32_t)capacity;
    return true;
}

void table_write(wrt_table *table, uint32_t index, void *ref)
{
    const wrt_func *func = table->element_type == WRT_FUNCREF ? ref : NULL;
    table->codes[index] = func ? func->code : NULL;
    table->vmctxs[index] = func ? func->vmctx : NULL;
    table->signature_ids[index] = func ? func->signature_id : TABLE_NO_SIGNATURE;
    table->refs[index] = ref;
}

/* Whether the store's table cap allows `elements` more. */
static bool table_within_limit(const wrt_store *store, uint64_t elements)
{
    uint64_t cap = store->limits.table_elements;
    return !cap || (store->table_elements <= cap && elements <= cap - store->table_elements);
}

wrt_status table_create(wrt_store *store, const wrt_tabletype *type,
                        void *init, wrt_table **out)
{
    *out = NULL;
    if (!value_type_is_ref(type->element) ||
        (type->limits.has_max && type->limits.max < type->limits.min))
        return store_fail(store, WRT_ERR_ARGUMENT, "table type is not valid");
    if (type->limits.min > TABLE_MAX_ELEMENTS)
        return store_fail(store, WRT_ERR_LIMIT,
                          "table of %u elements is larger than the limit %u",
                          type->limits.min, TABLE_MAX_ELEMENTS);
    if (!table_within_limit(store, type->limits.min))
        return store_fail(store, WRT_ERR_LIMIT,
                          "a table of %u elements exceeds the store's limit of %llu elements (%llu in use)",
                          type->limits.min, (unsigned long long)store->limits.table_elements,
                          (unsigned long long)store->table_elements);
    wrt_table *table = calloc(1, sizeof *table);
    if (!table)
        return store_fail(store, WRT_ERR_NO_MEMORY, "out of memory");
    table->store = store;
    table->element_type = type->element;
    table->has_max = type->limits.has_max;
    table->declared_max = type->limits.max;
    table->max = type->limits.has_max && type->limits.max < TABLE_MAX_ELEMENTS
                     ? type->limits.max
                     : TABLE_MAX_ELEMENTS;
    if (!table_reserve(table, type->limits.min) ||
        !store_adopt(&store->tables, table)) {
        table_destroy(table);
        return store_fail(store, WRT_ERR_NO_MEMORY, "out of memory");
    }
    for (uint32_t i = 0; i < type->limits.min; i++)
        table_write(table, i, init);
    table->size = type->limits.min;
    store->table_elements += table->size;
    *out = table;
    return WRT_OK;
}

void table_destroy(wrt_table *table)
{
    if (!table)
        return;
    free(table->codes); /* the block of all four arrays */
    free(table);
}

int32_t table_grow(wrt_table *table, uint32_t delta, void *init)
{
    uint32_t old = table->size;
    if (delta > table->max - old || !table_within_limit(table->store, delta) || !table_reserve(table, old + delta))
        return -1;
    table->store->table_elements += delta;
    for (uint32_t i = 0; i < delta; i++)
        table_write(table, old + i, init);
    table->size = old + delta;
    return (int32_t)old;
}

wrt_trap_kind table_init(wrt_table *table, uint32_t dst, void *const *items,
                         uint32_t item_count, uint32_t src, uint32_t count)
{
    if ((uint64_t)src + count > item_count ||
        (uint64_t)dst + count > table->size)
        return WRT_TRAP_TABLE_OUT_OF_BOUNDS;
    for (uint32_t i = 0; i < count; i++)
        table_write(table, dst + i, items[src + i]);
    return WRT_TRAP_NONE;
}

wrt_trap_kind table_fill(wrt_table *table, uint32_t dst, void *value,
                         uint32_t count)
{
    if ((uint64_t)dst + count > table->size)
        return WRT_TRAP_TABLE_OUT_OF_BOUNDS;
    for (uint32_t i = 0; i < count; i++)
        table_write(table, dst + i, value);
    return WRT_TRAP_NONE;
}

wrt_trap_kind table_copy(wrt_table *dst_table, uint32_t dst,
                         wrt_table *src_table, uint32_t src, uint32_t count)
{
    if ((uint64_t)dst + count > dst_table->size ||
        (uint64_t)src + count > src_table->size)
        return WRT_TRAP_TABLE_OUT_OF_BOUNDS;
    if (count) {
        memmove(dst_table->codes + dst, src_table->codes + src, count * sizeof *dst_table->codes);
        memmove(dst_table->vmctxs + dst, src_table->vmctxs + src, count * sizeof *dst_table->vmctxs);
        memmove(dst_table->signature_ids + dst, src_table->signature_ids + src,
                count * sizeof *dst_table->signature_ids);
        memmove(dst_table->refs + dst, src_table->refs + src, count * sizeof *dst_table->refs);
    }
    return WRT_TRAP_NONE;
}

void *table_ref_from_val(wrt_val value)
{
    return value.type == WRT_FUNCREF ? (void *)value.of.funcref
                                     : value.of.externref;
}

wrt_val table_val_from_ref(wrt_valtype type, void *ref)
{
    wrt_val value;
    memset(&value, 0, sizeof value);
    value.type = type;
    if (type == WRT_FUNCREF)
        value.of.funcref = ref;
    else
        value.of.externref = ref;
    return value;
}

/* ------------------------------------------------------------ public API */

/* Checks that `value` may be stored in `table`. */
static wrt_status table_check_value(wrt_table *table, wrt_val value)
{
    if (value.type != table->element_type)
        return store_fail(table->store, WRT_ERR_TYPE_MISMATCH,
                          "%s value stored in a table of %s",
                          wrt_valtype_name(value.type),
                          wrt_valtype_name(table->element_type));
    if (value.type == WRT_FUNCREF && value.of.funcref &&
        value.of.funcref->store != table->store)
        return store_fail(table->store, WRT_ERR_ARGUMENT,
                          "function belongs to another store");
    return WRT_OK;
}

wrt_status wrt_table_new(wrt_store *store, const wrt_tabletype *type,
                         wrt_val init, wrt_table **out)
{
    *out = NULL;
    if (init.type != type->element)
        return store_fail(store, WRT_ERR_TYPE_MISMATCH,
                          "table of %s initialised with a %s value",
                          wrt_valtype_name(type->element),
                          wrt_valtype_name(init.type));
    return table_create(store, type, table_ref_from_val(init), out);
}

wrt_tabletype wrt_table_type(const wrt_table *table)
{
    wrt_tabletype type;
    type.element = table->element_type;
    type.limits.min = table->size;
    type.limits.max = table->has_max ? table->declared_max : 0;
    type.limits.has_max = table->has_max;
    return type;
}

uint32_t wrt_table_size(const wrt_table *table) { return table->size; }

wrt_status wrt_table_get(const wrt_table *table, uint32_t index, wrt_val *out)
{
    if (index >= table->size)
        return store_fail(table->store, WRT_ERR_OUT_OF_BOUNDS,
                          "table index %u out of bounds (size %u)", index,
                          table->size);
    *out = table_val_from_ref(table->element_type, table->refs[index]);
    return WRT_OK;
}

wrt_status wrt_table_set(wrt_table *table, uint32_t index, wrt_val value)
{
    wrt_status status = table_check_value(table, value);
    if (status)
        return status;
    if (index >= table->size)
        return store_fail(table->store, WRT_ERR_OUT_OF_BOUNDS,
                          "table index %u out of bounds (size %u)", index,
                          table->size);
    table_write(table, index, table_ref_from_val(value));
    return WRT_OK;
}

wrt_status wrt_table_grow(wrt_table *table, uint32_t delta, wrt_val init,
                          uint32_t *old_size)
{
    wrt_status status = table_check_value(table, init);
    if (status)
        return status;
    int32_t old = table_grow(table, delta, table_ref_from_val(init));
    if (old < 0)
        return store_fail(table->store, WRT_ERR_LIMIT,
                          "cannot grow table of %u elements by %u (maximum %u)",
                          table->size, delta, table->max);
    if (old_size)
        *old_size = (uint32_t)old;
    return WRT_OK;
}
