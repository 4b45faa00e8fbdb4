/* loader_limits_test.c: the native loader's interruption and limits (it_context_interrupt from another thread, it_context_set_limits). */
#include "../check.h"
#include "it_loader.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/*
 * usage: loader_limits_test IT_LIMITS.wasm IT_SPIN_START.wasm
 *
 * The adapters tools_test.sh builds from limits.itl and spin_start.itl.
 * Prints "N passed, M failed".
 */



/* Interrupts `context` after 100 ms. */
static void *interrupter(void *context)
{
    struct timespec delay = {0, 100 * 1000 * 1000};
    nanosleep(&delay, NULL);
    it_context_interrupt(context);
    return NULL;
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Calls `name` of `component` (no arguments) while another thread
 * interrupts the context. */
static it_status call_interrupted(it_context *context, it_component *component, const char *name,
                                  double *took)
{
    it_func *func;
    if (it_component_func(component, name, &func)) return IT_ERR_NOT_FOUND;
    pthread_t thread;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    if (pthread_create(&thread, NULL, interrupter, context)) return IT_ERR_ARGUMENT;
    it_status status = it_call(func, NULL, 0, NULL, 0);
    pthread_join(thread, NULL);
    *took = seconds_since(&start);
    return status;
}

static void test_interrupt(const char *limits_path)
{
    it_context *context;
    it_component *component;
    if (it_context_new(&context) || it_load(context, limits_path, &component)) {
        check(false, "load %s", limits_path);
        return;
    }
    const char *names[] = {"spin", "spin_calls"};
    for (int i = 0; i < 2; i++) {
        double took = 0;
        it_status status = call_interrupted(context, component, names[i], &took);
        check(status == IT_ERR_INTERRUPTED && strstr(it_context_error(context)->message, "interrupted") && took < 5,
              "%s from another thread: %s (%s) after %.2f s", names[i], it_status_message(status),
              it_context_error(context)->message, took);
    }
    /* The context stays usable: a call that returns normally. */
    it_func *grow;
    it_value result = {.type = IT_S32};
    check(it_component_func(component, "grow", &grow) == IT_OK && it_call(grow, NULL, 0, &result, 1) == IT_OK &&
              result.of.s32 > 1,
          "a call after the interruptions works (%s)", it_context_error(context)->message);
    /* Interrupted while no call runs: the next call stops at once. */
    it_func *spin;
    it_context_interrupt(context);
    check(it_component_func(component, "spin", &spin) == IT_OK && it_call(spin, NULL, 0, NULL, 0) == IT_ERR_INTERRUPTED,
          "an interrupt before a call stops it");
    it_context_delete(context);
}

static void test_interrupt_init(const char *spin_start_path)
{
    it_context *context;
    it_adapter *adapter;
    if (it_context_new(&context) || it_adapter_load(context, spin_start_path, &adapter)) {
        check(false, "load %s", spin_start_path);
        return;
    }
    pthread_t thread;
    pthread_create(&thread, NULL, interrupter, context);
    it_component *component;
    it_status status = it_instantiate(context, adapter, &component);
    pthread_join(thread, NULL);
    check(status == IT_ERR_INTERRUPTED, "a spinning start function in _it_init: %s (%s)", it_status_message(status),
          it_context_error(context)->message);
    it_context_delete(context);
}

static void test_limits(const char *limits_path)
{
    /* 64 MiB: the guest, growing 1,000 pages at a time, ends at 1001 pages. */
    it_context *context;
    it_component *component;
    it_func *grow;
    it_value result = {.type = IT_S32};
    if (it_context_new(&context)) return;
    it_context_set_limits(context, &(it_limits){.memory_bytes = 64u << 20});
    check(it_load(context, limits_path, &component) == IT_OK && it_component_func(component, "grow", &grow) == IT_OK &&
              it_call(grow, NULL, 0, &result, 1) == IT_OK && result.of.s32 == 1001,
          "grow under a 64 MiB cap ends at 1001 pages (got %d; %s)", result.of.s32, it_context_error(context)->message);
    it_context_delete(context);

    /* Too little for the adapter's own memory: IT_ERR_LIMIT naming the cap. */
    if (it_context_new(&context)) return;
    it_context_set_limits(context, &(it_limits){.memory_bytes = 65535});
    it_status status = it_load(context, limits_path, &component);
    check(status == IT_ERR_LIMIT && strstr(it_context_error(context)->message, "65535 bytes"),
          "a 65535-byte cap: %s (%s)", it_status_message(status), it_context_error(context)->message);
    it_context_delete(context);

    /* One instance: the adapter loads, its core module does not. */
    if (it_context_new(&context)) return;
    it_context_set_limits(context, &(it_limits){.instances = 1});
    status = it_load(context, limits_path, &component);
    check(status == IT_ERR_LIMIT, "an instance cap of 1: %s (%s)", it_status_message(status),
          it_context_error(context)->message);
    it_context_delete(context);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: loader_limits_test IT_LIMITS.wasm IT_SPIN_START.wasm\n");
        return 2;
    }
    test_interrupt(argv[1]);
    test_interrupt_init(argv[2]);
    test_limits(argv[1]);
    return check_summary();
}
