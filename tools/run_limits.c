/* run_limits.c: --timeout SECONDS and --max-memory BYTES, the same for the command-line runners (wrun, itrun). */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "run_limits.h"

bool run_parse_seconds(const char *text, double *seconds)
{
    char *end;
    errno = 0;
    *seconds = strtod(text, &end);
    /* Only digits and '.' (strtod alone takes spaces, signs, hex, inf);
     * strtod stops at a second '.'. */
    return end != text && !*end && !errno && strspn(text, "0123456789.") == strlen(text) && *seconds > 0 &&
           *seconds <= RUN_TIMEOUT_MAX;
}

bool run_parse_bytes(const char *text, uint64_t *bytes)
{
    char *end;
    errno = 0;
    *bytes = strtoull(text, &end, 10);
    return end != text && !*end && !errno && strspn(text, "0123456789") == strlen(text) && *bytes > 0;
}

bool run_dir_is_valid(const char *text)
{
    const char *separator = strstr(text, "::");
    return *text && separator != text && !(separator && !separator[2]);
}

const char **run_environment(bool inherit, const char *const *extra, size_t extra_count, size_t *count)
{
    extern char **environ;
    size_t inherited = 0;
    while (inherit && environ[inherited])
        inherited++;
    const char **env = malloc((inherited + extra_count + 1) * sizeof *env);
    if (!env)
        return NULL;
    size_t used = 0;
    for (size_t i = 0; i < inherited; i++) {
        const char *equals = strchr(environ[i], '=');
        if (equals && equals != environ[i])
            env[used++] = environ[i];
    }
    for (size_t i = 0; i < extra_count; i++)
        env[used++] = extra[i];
    *count = used;
    return env;
}

struct run_watchdog {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t stopped_changed; /* on CLOCK_MONOTONIC */
    bool stopped;
    struct timespec deadline; /* CLOCK_MONOTONIC */
    void (*fire)(void *argument);
    void *argument;
};

/* Waits for the deadline or a stop, whichever comes first, and fires only
 * on the deadline; under the lock, so a stop waits for a fire under way. */
static void *watchdog_main(void *data)
{
    run_watchdog *dog = data;
    pthread_mutex_lock(&dog->lock);
    while (!dog->stopped && pthread_cond_timedwait(&dog->stopped_changed, &dog->lock, &dog->deadline) != ETIMEDOUT)
        ;
    if (!dog->stopped)
        dog->fire(dog->argument);
    pthread_mutex_unlock(&dog->lock);
    return NULL;
}

run_watchdog *run_watchdog_start(double seconds, void (*fire)(void *argument), void *argument)
{
    run_watchdog *dog = calloc(1, sizeof *dog);
    if (!dog)
        return NULL;
    clock_gettime(CLOCK_MONOTONIC, &dog->deadline);
    double whole = floor(seconds);
    dog->deadline.tv_sec += (time_t)whole;
    dog->deadline.tv_nsec += (long)((seconds - whole) * 1e9);
    if (dog->deadline.tv_nsec >= 1000000000L) {
        dog->deadline.tv_sec++;
        dog->deadline.tv_nsec -= 1000000000L;
    }
    dog->fire = fire;
    dog->argument = argument;
    pthread_condattr_t attributes;
    int error = pthread_condattr_init(&attributes);
    if (!error) {
        error = pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC);
        if (!error)
            error = pthread_cond_init(&dog->stopped_changed, &attributes);
        pthread_condattr_destroy(&attributes);
    }
    if (!error && (error = pthread_mutex_init(&dog->lock, NULL)) != 0)
        pthread_cond_destroy(&dog->stopped_changed);
    if (!error && (error = pthread_create(&dog->thread, NULL, watchdog_main, dog)) != 0) {
        pthread_mutex_destroy(&dog->lock);
        pthread_cond_destroy(&dog->stopped_changed);
    }
    if (error) {
        free(dog);
        errno = error;
        return NULL;
    }
    return dog;
}

void run_watchdog_stop(run_watchdog *dog)
{
    if (!dog)
        return;
    pthread_mutex_lock(&dog->lock);
    dog->stopped = true;
    pthread_cond_signal(&dog->stopped_changed);
    pthread_mutex_unlock(&dog->lock);
    pthread_join(dog->thread, NULL);
    pthread_mutex_destroy(&dog->lock);
    pthread_cond_destroy(&dog->stopped_changed);
    free(dog);
}
