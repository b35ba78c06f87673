/* The process-spawn floor: exec, print one line, exit. */
#include <stdio.h>

int main(void) {
    puts("Hello, world!");
    return 0;
}
