/* echo.c: a WASI command for run.sh's command-line checks: prints its arguments, the variables it is asked about, and what stdin holds, then exits with the status given by --exit N. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    int status = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--exit") && i + 1 < argc) {
            status = atoi(argv[++i]);
        } else if (!strncmp(argv[i], "--getenv=", 9)) {
            const char *value = getenv(argv[i] + 9);
            printf("%s=%s\n", argv[i] + 9, value ? value : "(unset)");
        } else if (!strcmp(argv[i], "--stdin")) {
            char line[256];
            while (fgets(line, sizeof line, stdin))
                printf("stdin: %s", line);
        } else {
            printf("argv[%d]=%s\n", i, argv[i]);
        }
    }
    return status;
}
