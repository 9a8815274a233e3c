// Constants for the GAS Intel .S example.
#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define PAGE_SIZE 4096
#define ENTRY(name) .global name; name:
#define SAVE(r) push r
