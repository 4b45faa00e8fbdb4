/* store.c: the engine (signature registry), the store (object lists, the error record) and messages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec.h"
#include "instance.h"

static const char *const status_messages[] = {
#define STATUS_MESSAGE(name, message) message,
    WRT_STATUS_LIST(STATUS_MESSAGE)
#undef STATUS_MESSAGE
};

static const char *const trap_messages[] = {
#define TRAP_MESSAGE(name, message) message,
    WRT_TRAP_LIST(TRAP_MESSAGE)
#undef TRAP_MESSAGE
};

const char *wrt_status_message(wrt_status status)
{
    return (unsigned)status < WRT_STATUS_COUNT ? status_messages[status]
                                               : "unknown status";
}

const char *wrt_trap_message(wrt_trap_kind kind)
{
    return (unsigned)kind < WRT_TRAP_COUNT ? trap_messages[kind]
                                           : "unknown trap";
}

/* --------------------------------------------------------------- engine */

wrt_engine *wrt_engine_new(void) { return calloc(1, sizeof(wrt_engine)); }

void wrt_engine_delete(wrt_engine *engine)
{
    if (!engine)
        return;
    for (uint32_t i = 0; i < engine->signature_count; i++) {
        free(engine->signatures[i]->valtypes);
        free(engine->signatures[i]);
    }
    free(engine->signatures);
    free(engine);
}

/* Linear search: programs have few distinct signatures, and the registry is
 * consulted only when modules and host functions are created. */
uint32_t engine_signature_id(wrt_engine *engine, const wrt_valtype *params,
                             size_t param_count, const wrt_valtype *results,
                             size_t result_count)
{
    for (uint32_t id = 0; id < engine->signature_count; id++) {
        const wrt_functype *type = &engine->signatures[id]->type;
        if (type->param_count == param_count &&
            type->result_count == result_count &&
            (param_count == 0 ||
             !memcmp(type->params, params, param_count * sizeof *params)) &&
            (result_count == 0 ||
             !memcmp(type->results, results, result_count * sizeof *results)))
            return id;
    }
    if (engine->signature_count == engine->signature_capacity) {
        uint32_t capacity = engine->signature_capacity
                                ? engine->signature_capacity * 2 : 16;
        engine_signature **grown =
            realloc(engine->signatures, capacity * sizeof *grown);
        if (!grown)
            return UINT32_MAX;
        engine->signatures = grown;
        engine->signature_capacity = capacity;
    }
    engine_signature *signature = calloc(1, sizeof *signature);
    size_t count = param_count + result_count;
    wrt_valtype *valtypes = malloc((count ? count : 1) * sizeof *valtypes);
    if (!signature || !valtypes) {
        free(signature);
        free(valtypes);
        return UINT32_MAX;
    }
    if (param_count)
        memcpy(valtypes, params, param_count * sizeof *params);
    if (result_count)
        memcpy(valtypes + param_count, results, result_count * sizeof *results);
    signature->valtypes = valtypes;
    signature->type.param_count = param_count;
    signature->type.params = valtypes;
    signature->type.result_count = result_count;
    signature->type.results = valtypes + param_count;
    engine->signatures[engine->signature_count] = signature;
    return engine->signature_count++;
}

const wrt_functype *engine_signature_type(const wrt_engine *engine,
                                          uint32_t id)
{
    return &engine->signatures[id]->type;
}

/* ---------------------------------------------------------------- store */

wrt_store *wrt_store_new(wrt_engine *engine)
{
    wrt_store *store = calloc(1, sizeof *store);
    if (!store)
        return NULL;
    store->engine = engine;
    store->error.status = WRT_OK;
    store->error.trap = WRT_TRAP_NONE;
    store->error.func_index = WRT_NO_INDEX;
    store->error.offset = WRT_NO_OFFSET;
    store->error.message = store->message;
    return store;
}

static void pointer_list_free(pointer_list *list, void (*destroy)(void *))
{
    for (size_t i = 0; i < list->count; i++)
        destroy(list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = list->capacity = 0;
}

static void destroy_instance(void *object) { instance_destroy(object); }
static void destroy_func(void *object) { free(object); }
static void destroy_table(void *object) { table_destroy(object); }
static void destroy_memory(void *object) { memory_destroy(object); }
static void destroy_global(void *object) { global_destroy(object); }

void wrt_store_delete(wrt_store *store)
{
    if (!store)
        return;
    /* Instances first: they release their modules and execution contexts;
     * the objects they point at are freed just after. */
    pointer_list_free(&store->instances, destroy_instance);
    pointer_list_free(&store->funcs, destroy_func);
    pointer_list_free(&store->tables, destroy_table);
    pointer_list_free(&store->memories, destroy_memory);
    pointer_list_free(&store->globals, destroy_global);
    free(store);
}

void wrt_store_set_limits(wrt_store *store, const wrt_store_limits *limits)
{
    store->limits = *limits;
    store->guard.stack_size = limits->stack_bytes;
}

void wrt_store_interrupt(wrt_store *store) { trap_interrupt(&store->guard); }

const wrt_error *wrt_store_error(const wrt_store *store)
{
    return &store->error;
}

bool store_adopt(pointer_list *list, void *object)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 16;
        void **items = realloc(list->items, capacity * sizeof *items);
        if (!items)
            return false;
        list->items = items;
        list->capacity = capacity;
    }
    list->items[list->count++] = object;
    return true;
}

wrt_status store_fail(wrt_store *store, wrt_status status, const char *format,
                      ...)
{
    store->error_count++;
    store->error.status = status;
    store->error.trap = WRT_TRAP_NONE;
    store->error.func_index = WRT_NO_INDEX;
    store->error.offset = WRT_NO_OFFSET;
    va_list args;
    va_start(args, format);
    vsnprintf(store->message, sizeof store->message, format, args);
    va_end(args);
    return status;
}

wrt_status store_trap(wrt_store *store, wrt_trap_kind kind,
                      uint32_t func_index, uint64_t offset,
                      const char *format, ...)
{
    store->error_count++;
    store->error.status = WRT_TRAP;
    store->error.trap = kind;
    store->error.func_index = func_index;
    store->error.offset = offset;
    if (format) {
        va_list args;
        va_start(args, format);
        vsnprintf(store->message, sizeof store->message, format, args);
        va_end(args);
    } else {
        snprintf(store->message, sizeof store->message, "%s",
                 wrt_trap_message(kind));
    }
    return WRT_TRAP;
}
