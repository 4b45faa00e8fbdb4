/* escape.c: a WASI program that tries every way out of its one preopened directory (42 of them), "/sandbox"; escape.sh runs it and checks that the host files beside the sandbox were never read, written or created. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Prints "WHAT: ok" or "WHAT: <errno name>" for a result (-1 = failed). */
static void report(const char *what, int result)
{
    printf("%s: %s\n", what, result < 0 ? strerror(errno) : "ok");
}

static int try_open(const char *path, int flags)
{
    int fd = open(path, flags, 0666);
    if (fd >= 0) {
        char byte;
        ssize_t got = read(fd, &byte, 1); /* a leak would show as "ok" below */
        (void)got;
        close(fd);
    }
    return fd;
}

int main(void)
{
    struct stat info;
    struct timespec times[2] = { { 0, 0 }, { 0, 0 } };
    /* The host has ../secret.txt beside the sandbox, and inside it:
     * rel -> ../secret.txt, abs -> HOST/secret.txt (absolute), up -> ..,
     * sub/upup -> ../.., dangle -> ../created.txt, inner -> sub. */
    report("open ../secret.txt", try_open("/sandbox/../secret.txt", O_RDONLY));
    report("open sub/../../secret.txt", try_open("/sandbox/sub/../../secret.txt", O_RDONLY));
    report("open rel", try_open("/sandbox/rel", O_RDONLY));
    report("open abs", try_open("/sandbox/abs", O_RDONLY));
    report("open up/secret.txt", try_open("/sandbox/up/secret.txt", O_RDONLY));
    report("open sub/upup/secret.txt", try_open("/sandbox/sub/upup/secret.txt", O_RDONLY));
    report("open up/ as dir", try_open("/sandbox/up/", O_RDONLY | O_DIRECTORY));
    report("create through dangle", try_open("/sandbox/dangle", O_WRONLY | O_CREAT));
    report("create ../created.txt", try_open("/sandbox/../created.txt", O_WRONLY | O_CREAT));
    report("truncate rel", try_open("/sandbox/rel", O_WRONLY | O_TRUNC));
    report("stat ../secret.txt", stat("/sandbox/../secret.txt", &info));
    report("stat rel", stat("/sandbox/rel", &info));
    report("lstat rel", lstat("/sandbox/rel", &info)); /* the link itself: fine */
    report("stat up", stat("/sandbox/up", &info));
    report("unlink ../secret.txt", unlink("/sandbox/../secret.txt"));
    report("unlink up/secret.txt", unlink("/sandbox/up/secret.txt"));
    report("rename ../secret.txt in", rename("/sandbox/../secret.txt", "/sandbox/stolen.txt"));
    report("rename file out", rename("/sandbox/file.txt", "/sandbox/../moved.txt"));
    report("mkdir ../made", mkdir("/sandbox/../made", 0777));
    report("mkdir up/made", mkdir("/sandbox/up/made", 0777));
    report("rmdir ..", rmdir("/sandbox/.."));
    report("symlink to absolute", symlink("/etc/passwd", "/sandbox/new_abs"));
    report("symlink out, relative", symlink("../secret.txt", "/sandbox/new_rel"));
    report("open new_rel", try_open("/sandbox/new_rel", O_RDONLY));
    report("link rel (follow)", linkat(AT_FDCWD, "/sandbox/rel", AT_FDCWD, "/sandbox/hard", AT_SYMLINK_FOLLOW));
    report("link ../secret.txt", link("/sandbox/../secret.txt", "/sandbox/hard2"));
    report("link file out", link("/sandbox/file.txt", "/sandbox/../hard3"));
    report("utimens rel (follow)", utimensat(AT_FDCWD, "/sandbox/rel", times, 0));
    report("utimens abs (follow)", utimensat(AT_FDCWD, "/sandbox/abs", times, 0));
    report("open ../ (trailing slash)", try_open("/sandbox/../", O_RDONLY | O_DIRECTORY));
    report("open up/ (trailing slash)", try_open("/sandbox/up/", O_RDONLY));
    report("open sub/upup//secret.txt", try_open("/sandbox/sub/upup//secret.txt", O_RDONLY));
    report("open rel/ (trailing slash)", try_open("/sandbox/rel/", O_RDONLY));
    report("mkdir ../made/ (trailing slash)", mkdir("/sandbox/../made/", 0777));
    report("rmdir up/ (trailing slash)", rmdir("/sandbox/up/"));
    report("stat sub/upup/ (trailing slash)", stat("/sandbox/sub/upup/", &info));
    report("lstat up/ (trailing slash)", lstat("/sandbox/up/", &info)); /* the kernel would follow */
    report("utimens up/ (nofollow, trailing slash)", utimensat(AT_FDCWD, "/sandbox/up/", times, AT_SYMLINK_NOFOLLOW));
    report("rename file to up/", rename("/sandbox/file.txt", "/sandbox/up/"));
    report("open /secret.txt", try_open("/secret.txt", O_RDONLY));
    report("open inner/file", try_open("/sandbox/inner/../file.txt", O_RDONLY)); /* inside: fine */
    report("open file.txt", try_open("/sandbox/file.txt", O_RDONLY));
    return 0;
}
