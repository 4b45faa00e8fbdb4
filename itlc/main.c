/* main.c: the itlc driver: options, read, lex/parse/check/emit (or the
 * bindings), and an atomic write of the output (a temp file renamed, never a
 * partial output). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "itlc.h"
#include "read_file.h"

static const char usage_text[] =
    "usage: itlc [options] FILE.itl\n"
    "Compiles an ITL adapter definition into an adapter wasm module (docs/itl.md,\n"
    "docs/abi.md).\n"
    "\n"
    "options:\n"
    "  -o FILE       write the output to FILE ('-' for standard output); default:\n"
    "                it_NAME.wasm (it_NAME.wat with -S, it_NAME.d.ts with\n"
    "                --emit-dts, it_NAME.h with --emit-header) next to FILE.itl,\n"
    "                where NAME is FILE.itl's base name without .itl\n"
    "  -S, --wat     write the WebAssembly text form instead of the binary\n"
    "  --emit-dts    write TypeScript declarations of the component's exports and\n"
    "                imports, as loader/js/it_loader.js takes and gives them\n"
    "                (loader/js/README.md), instead of the adapter\n"
    "  --emit-header write a C header of typed wrappers over it_loader.h's it_call\n"
    "                for the component's exports (docs/loader.md), instead of the\n"
    "                adapter\n"
    "                (both also read an adapter it_NAME.wasm in place of FILE.itl:\n"
    "                its it.interface section, docs/itl.md \"Typed bindings\")\n"
    "  --core-dir DIR  look for the core modules in DIR too (may be repeated)\n"
    "  --require-core  a core module that cannot be found is an error\n"
    "  --max-errors N  stop reporting after N errors (default 20)\n"
    "  --print-conversions  print the table of what (as T ...) converts and how\n"
    "                (docs/itl.md's table), then exit\n"
    "  -h, --help    show this help and exit\n"
    "  --version     show the version and exit\n"
    "\n"
    "When a core module's file (the path in (module NAME \"path\" ...)) is found\n"
    "in a --core-dir or beside FILE.itl, itlc checks the ITL against it: each\n"
    "declared core export exists with that signature, each core import is\n"
    "adapted with its signature, each memory named exists. A module not found\n"
    "is not checked, silently unless --require-core.\n"
    "\n"
    "Exit status: 0 on success, 1 on errors in the input or files, 2 on bad usage.\n";

/* --print-conversions: the `as` table of docs/itl.md, printed from
 * emit_conversion itself so that the documentation cannot drift from it.
 * Each cell names the instructions in short: see the legend in docs/itl.md. */
static const char *main_conversion_cell(itlc_type from, itlc_type to, char *cell, size_t size)
{
    if (!check_conversion_allowed(from, to))
        return "error";
    /* a char is its code point in an i32: converted as a u32, and checked
     * on the way in (emit.c's emit_as) */
    bool to_char = to == TYPE_CHAR && from != TYPE_CHAR;
    if (from == TYPE_CHAR)
        from = TYPE_U32;
    wasm_instr instrs[6];
    size_t count = emit_conversion(from, to_char ? TYPE_U32 : to, instrs);
    cell[0] = 0;
    if (count == 0 && !to_char)
        return "=";
    for (size_t i = 0; i < count; i++) {
        wasm_op op = instrs[i].op;
        const char *name = wasm_op_get(op)->name;
        char part[32];
        const char *dot = strchr(name, '.');
        if ((op == WASM_I32_EQZ || op == WASM_I64_EQZ) && i + 1 < count) {
            snprintf(part, sizeof part, "!=0");
            i++;
        } else if ((op == WASM_F32_CONST || op == WASM_F64_CONST) && instrs[i].bits == 0) {
            snprintf(part, sizeof part, "!=0");
            i++;
        } else if (op == WASM_F32_CONST || op == WASM_F64_CONST) {
            snprintf(part, sizeof part, "clamp");
            i += 3;
        } else if (op == WASM_I32_CONST) {
            snprintf(part, sizeof part, "and 0x%llx", (unsigned long long)instrs[i].bits);
            i++;
        } else {
            /* i64.extend_i32_s -> extend_s, f32.convert_i64_u -> convert_u, ... */
            const char *underscore = strrchr(name, '_');
            const char *base = dot ? dot + 1 : name;
            size_t stem = strcspn(base, "_");
            if (strstr(base, "trunc_sat"))
                snprintf(part, sizeof part, "trunc_sat_%c", underscore[1]);
            else if (underscore && underscore > base && (underscore[1] == 's' || underscore[1] == 'u') && !underscore[2])
                snprintf(part, sizeof part, "%.*s_%c", (int)stem, base, underscore[1]);
            else
                snprintf(part, sizeof part, "%.*s", (int)stem, base);
        }
        size_t used = strlen(cell);
        snprintf(cell + used, size - used, "%s%s", used ? ", " : "", part);
    }
    if (to_char) {
        size_t used = strlen(cell);
        snprintf(cell + used, size - used, "%scheck char", used ? ", " : "");
    }
    return cell;
}

static void main_print_conversions(void)
{
    printf("| from \\ to |");
    for (int to = TYPE_NONE + 1; to < TYPE_BOTTOM; to++)
        printf(" %s |", type_name((itlc_type)to));
    printf("\n|---|");
    for (int to = TYPE_NONE + 1; to < TYPE_BOTTOM; to++)
        printf("---|");
    printf("\n");
    for (int from = TYPE_NONE + 1; from < TYPE_BOTTOM; from++) {
        printf("| **%s** |", type_name((itlc_type)from));
        for (int to = TYPE_NONE + 1; to < TYPE_BOTTOM; to++) {
            char cell[128];
            printf(" %s |", main_conversion_cell((itlc_type)from, (itlc_type)to, cell, sizeof cell));
        }
        printf("\n");
    }
}

typedef struct options {
    const char *input;
    const char *output;
    itlc_output kind;
    const char *kind_option; /* the option that chose kind, for "only one of" */
    int max_errors;
    const char *core_dirs[16]; /* argv entries */
    size_t core_dir_count;
    bool require_core;
} options;

static int main_usage_error(const char *message, const char *argument)
{
    fprintf(stderr, "itlc: error: %s%s\n", message, argument ? argument : "");
    fputs("usage: itlc [options] FILE.itl (try itlc --help)\n", stderr);
    return 2;
}

/* 0 to go on, or an exit status (+1, so 0 means "exit 0" is 1). */
static int main_parse_options(int argc, char **argv, options *opts)
{
    opts->max_errors = 20;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            fputs(usage_text, stdout);
            return 1;
        } else if (strcmp(arg, "--version") == 0) {
            printf("itlc %s (adapter ABI version %d)\n", ITLC_VERSION, ITLC_ABI_VERSION);
            return 1;
        } else if (strcmp(arg, "--print-conversions") == 0) {
            main_print_conversions();
            return 1;
        } else if (strcmp(arg, "-S") == 0 || strcmp(arg, "--wat") == 0 || strcmp(arg, "--emit-dts") == 0 ||
                   strcmp(arg, "--emit-header") == 0) {
            itlc_output kind = strcmp(arg, "--emit-dts") == 0 ? ITLC_OUTPUT_DTS
                               : strcmp(arg, "--emit-header") == 0 ? ITLC_OUTPUT_HEADER : ITLC_OUTPUT_WAT;
            if (opts->kind_option && opts->kind != kind) {
                char message[128];
                snprintf(message, sizeof message, "%s and %s cannot be combined (each writes an output of its "
                         "own)", opts->kind_option, arg);
                return 1 + main_usage_error(message, NULL);
            }
            opts->kind = kind;
            opts->kind_option = arg;
        } else if (strcmp(arg, "--require-core") == 0) {
            opts->require_core = true;
        } else if (strcmp(arg, "--core-dir") == 0) {
            if (i + 1 >= argc)
                return 1 + main_usage_error("missing argument after ", arg);
            if (opts->core_dir_count == sizeof opts->core_dirs / sizeof opts->core_dirs[0])
                return 1 + main_usage_error("too many --core-dir options (at most 16), at ", argv[i + 1]);
            opts->core_dirs[opts->core_dir_count++] = argv[++i];
        } else if (strcmp(arg, "-o") == 0 || strcmp(arg, "--max-errors") == 0) {
            if (i + 1 >= argc)
                return 1 + main_usage_error("missing argument after ", arg);
            if (arg[1] == 'o') {
                opts->output = argv[++i];
            } else {
                char *end;
                long n = strtol(argv[++i], &end, 10);
                if (*end || n < 1 || n > 100000)
                    return 1 + main_usage_error("--max-errors needs a positive number, not ", argv[i]);
                opts->max_errors = (int)n;
            }
        } else if (arg[0] == '-' && arg[1] != 0) {
            return 1 + main_usage_error("unknown option ", arg);
        } else if (opts->input) {
            return 1 + main_usage_error("more than one input file: ", arg);
        } else {
            opts->input = arg;
        }
    }
    if (!opts->input)
        return 1 + main_usage_error("no input file", NULL);
    return 0;
}

static itlc_error main_read(itlc_diag *d, arena *a, const char *path, char **text, size_t *size)
{
    itlc_diag no_position = *d;
    no_position.file = NULL;
    bytes content = { 0 };
    int read_error = bytes_read_path(a, &content, path);
    if (read_error)
        return diag_error(&no_position, (itlc_loc){ 0, 0, 0 }, ITLC_ERR_READ_FAILED, path,
                          read_file_strerror(read_error));
    bytes_byte(a, &content, 0); /* a terminator, not part of the size */
    *text = (char *)content.data;
    *size = content.size - 1;
    return ITLC_OK;
}

/* Writes a regular file (or a new one) through a temp file beside it,
 * renamed over it, so a failed run never leaves a partial or stale-looking
 * output behind; the file keeps its mode (a new one: 0666 & ~umask) and a
 * symlink stays a symlink (its target is written). Anything else that
 * exists (a device such as /dev/null, a FIFO) and "-" (standard output) is
 * written directly. */
static itlc_error main_write(itlc_diag *d, arena *a, const char *path, const bytes *content)
{
    itlc_diag no_position = *d;
    no_position.file = NULL;
    itlc_loc nowhere = { 0, 0, 0 };
    if (strcmp(path, "-") == 0) {
        if (fwrite(content->data, 1, content->size, stdout) != content->size || fflush(stdout) != 0)
            return diag_error(&no_position, nowhere, ITLC_ERR_WRITE_FAILED, "standard output", strerror(errno));
        return ITLC_OK;
    }
    struct stat info;
    bool exists = stat(path, &info) == 0;
    if (exists && S_ISDIR(info.st_mode))
        return diag_error(&no_position, nowhere, ITLC_ERR_WRITE_FAILED, path, strerror(EISDIR));
    if (exists && !S_ISREG(info.st_mode)) {
        FILE *file = fopen(path, "wb");
        bool ok = file && fwrite(content->data, 1, content->size, file) == content->size;
        int saved_errno = errno;
        if (file && fclose(file) != 0 && ok) ok = false, saved_errno = errno;
        return ok ? ITLC_OK : diag_error(&no_position, nowhere, ITLC_ERR_WRITE_FAILED, path, strerror(saved_errno));
    }
    struct stat link_info;
    const char *target = path;
    if (lstat(path, &link_info) == 0 && S_ISLNK(link_info.st_mode)) {
        char *resolved = realpath(path, NULL);
        if (resolved) {
            target = arena_printf(a, "%s", resolved);
            free(resolved);
        }
    }
    mode_t mode;
    if (exists) {
        mode = info.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    char *temp = arena_printf(a, "%s.tmpXXXXXX", target);
    int fd = mkstemp(temp);
    if (fd < 0)
        return diag_error(&no_position, nowhere, ITLC_ERR_WRITE_FAILED, path, strerror(errno));
    bool ok = fchmod(fd, mode) == 0;
    FILE *file = ok ? fdopen(fd, "wb") : NULL;
    ok = file && fwrite(content->data, 1, content->size, file) == content->size;
    int saved_errno = errno;
    if (file) {
        ok = fclose(file) == 0 && ok;
        saved_errno = ok ? saved_errno : errno;
    } else {
        close(fd);
    }
    if (ok && rename(temp, target) != 0) {
        ok = false;
        saved_errno = errno;
    }
    if (!ok) {
        unlink(temp);
        return diag_error(&no_position, nowhere, ITLC_ERR_WRITE_FAILED, path, strerror(saved_errno));
    }
    return ITLC_OK;
}

/* NAME of dir/NAME.itl (or, for bindings, of an adapter dir/it_NAME.wasm),
 * and dir/it_NAME.EXT. */
static void main_names(arena *a, const char *input, itlc_output kind, itlc_str *component, const char **output)
{
    const char *slash = strrchr(input, '/');
    const char *base = slash ? slash + 1 : input;
    int dir_length = (int)(base - input);
    size_t base_length = strlen(base);
    bool bindings = kind == ITLC_OUTPUT_DTS || kind == ITLC_OUTPUT_HEADER;
    if (base_length > 4 && strcmp(base + base_length - 4, ".itl") == 0) {
        base_length -= 4;
    } else if (bindings && base_length > 8 && strcmp(base + base_length - 5, ".wasm") == 0 &&
               strncmp(base, "it_", 3) == 0) {
        /* the bindings of an adapter it_NAME.wasm: it_NAME.d.ts, it_NAME.h */
        base += 3;
        base_length -= 8;
    }
    component->bytes = arena_strndup(a, base, base_length);
    component->length = base_length;
    static const char *const extensions[] = {
        [ITLC_OUTPUT_WASM] = "wasm", [ITLC_OUTPUT_WAT] = "wat", [ITLC_OUTPUT_DTS] = "d.ts", [ITLC_OUTPUT_HEADER] = "h",
    };
    if (!*output)
        *output = arena_printf(a, "%.*sit_%s.%s", dir_length, input, component->bytes, extensions[kind]);
}

static int main_compile(const options *opts, arena *a)
{
    itlc_diag diag = { .file = opts->input, .out = stderr, .max_errors = opts->max_errors };
    char *source = NULL;
    size_t size = 0;
    if (main_read(&diag, a, opts->input, &source, &size))
        return 1;
    itlc_str component;
    const char *output = opts->output;
    main_names(a, opts->input, opts->kind, &component, &output);
    if (read_file_same(opts->input, output)) {
        itlc_diag no_position = diag;
        no_position.file = NULL;
        diag_error(&no_position, (itlc_loc){ 0, 0, 0 }, ITLC_ERR_WRITE_FAILED, output, "it is the input file");
        return 1;
    }
    const char *slash = strrchr(opts->input, '/');
    core_search search = {
        .dirs = opts->core_dirs,
        .dir_count = opts->core_dir_count,
        .itl_dir = slash ? arena_strndup(a, opts->input, (size_t)(slash - opts->input) + 1) : "",
        .require = opts->require_core,
        .output = output,
    };
    bytes content = { 0 };
    if ((opts->kind == ITLC_OUTPUT_DTS || opts->kind == ITLC_OUTPUT_HEADER) && interface_is_wasm(source, size)) {
        /* an adapter: its bindings from its it.interface section */
        if (interface_bindings(source, size, opts->input, opts->kind, &diag, a, &content))
            return 1;
    } else if (itlc_compile(source, size, component, &search, opts->kind, &diag, a, &content)) {
        return 1;
    }
    return main_write(&diag, a, output, &content) ? 1 : 0;
}

int main(int argc, char **argv)
{
    options opts = { 0 };
    int status = main_parse_options(argc, argv, &opts);
    if (status)
        return status - 1;
    arena a = { 0 };
    status = main_compile(&opts, &a);
    arena_free(&a);
    return status;
}
