/* strings.c: the string and memory functions (strlen, memcpy, overlapping memmove, comparisons, searches, memset) on data of many lengths and alignments. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t hash_bytes(const void *data, size_t n)
{
    const unsigned char *p = data;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

/* musl's word-at-a-time paths depend on length and alignment: try many. */
static void lengths_and_alignments(void)
{
    static char buffer[300], copy[300];
    uint32_t total = 0;
    for (size_t offset = 0; offset < 8; offset++) {
        for (size_t length = 0; length < 70; length += 3) {
            memset(buffer, 0, sizeof buffer);
            for (size_t i = 0; i < length; i++)
                buffer[offset + i] = (char)('a' + (i * 7 + offset) % 26);
            size_t n = strlen(buffer + offset);
            memcpy(copy, buffer + offset, n + 1);
            const char *found = strchr(buffer + offset, 'q');
            const char *last = strrchr(buffer + offset, 'e');
            total = total * 31 + (uint32_t)n + hash_bytes(copy, n) +
                    (found ? (uint32_t)(found - buffer) : 999) + (last ? (uint32_t)(last - buffer) : 777);
            if (n != length || strcmp(copy, buffer + offset) != 0)
                printf("mismatch at offset %zu length %zu\n", offset, length);
        }
    }
    printf("lengths and alignments: %08x\n", (unsigned)total);
}

static void overlapping_moves(void)
{
    char text[64];
    for (int shift = -5; shift <= 5; shift += 2) {
        strcpy(text, "0123456789abcdefghijklmnopqrstuvwxyz");
        if (shift > 0)
            memmove(text + shift, text, 20);
        else
            memmove(text, text - shift, 20);
        printf("memmove shift %+d: %s\n", shift, text);
    }
    memset(text, '-', 10);
    text[10] = '\0';
    memset(text + 3, 'x', 4);
    printf("memset: %s\n", text);
}

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

static void comparisons(void)
{
    static const char *pairs[][2] = {{"abc", "abd"}, {"abc", "abc"}, {"abc", "ab"}, {"", "a"},
                                     {"Hello", "hello"}, {"a\xff", "a\x01"}, {"same prefix x", "same prefix y"}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        printf("cmp [%s] [%s]: strcmp %d strncmp3 %d memcmp2 %d\n", pairs[i][0], pairs[i][1],
               sign(strcmp(pairs[i][0], pairs[i][1])), sign(strncmp(pairs[i][0], pairs[i][1], 3)),
               sign(memcmp(pairs[i][0], pairs[i][1], 2)));
}

static void searches(void)
{
    const char *haystack = "the quick brown fox jumps over the lazy dog; the end";
    static const char *needles[] = {"the", "fox", "dog;", "cat", "", "end", "e e", "the lazy"};
    for (size_t i = 0; i < sizeof needles / sizeof needles[0]; i++) {
        const char *hit = strstr(haystack, needles[i]);
        printf("strstr [%s]: %d\n", needles[i], hit ? (int)(hit - haystack) : -1);
    }
    printf("strspn %zu strcspn %zu\n", strspn(haystack, "the qu"), strcspn(haystack, "xyz"));
    printf("memchr %d\n", (int)((const char *)memchr(haystack, 'j', strlen(haystack)) - haystack));
}

/* Split on separators by hand (no strtok), building words with strncpy and strcat. */
static void words(void)
{
    const char *text = "  alpha,beta;;gamma delta ,epsilon  ";
    char joined[128] = "";
    int count = 0;
    for (const char *p = text; *p;) {
        size_t skip = strspn(p, " ,;");
        p += skip;
        size_t length = strcspn(p, " ,;");
        if (length == 0)
            break;
        char word[32];
        strncpy(word, p, length);
        word[length] = '\0';
        for (char *c = word; *c; c++)
            *c = (char)toupper((unsigned char)*c);
        if (count++)
            strcat(joined, "|");
        strcat(joined, word);
        p += length;
    }
    printf("words %d: %s\n", count, joined);
}

static void reverse_and_palindromes(void)
{
    static const char *inputs[] = {"racecar", "wasm", "A man a plan a canal Panama", "", "ab"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        size_t n = strlen(inputs[i]);
        char *r = malloc(n + 1), *letters = malloc(n + 1);
        size_t k = 0;
        for (size_t j = 0; j < n; j++) {
            r[j] = inputs[i][n - 1 - j];
            if (isalpha((unsigned char)inputs[i][j]))
                letters[k++] = (char)tolower((unsigned char)inputs[i][j]);
        }
        r[n] = '\0';
        int palindrome = 1;
        for (size_t j = 0; j < k / 2; j++)
            palindrome &= letters[j] == letters[k - 1 - j];
        printf("reverse [%s] -> [%s] palindrome %d\n", inputs[i], r, palindrome);
        free(r);
        free(letters);
    }
}

int main(void)
{
    lengths_and_alignments();
    overlapping_moves();
    comparisons();
    searches();
    words();
    reverse_and_palindromes();
    return 0;
}
