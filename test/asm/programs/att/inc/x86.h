// Segment and control-register constants shared by the boot examples (xv6-style header).
#define SEG_KCODE 1
#define SEG_KDATA 2
#define CR0_PE    0x00000001
#define CR0_WP    0x00010000
#define CR0_PG    0x80000000
#define STA_X     0x8
#define STA_W     0x2
#define STA_R     0x2

#define SEG_NULLASM   \
        .word 0, 0;   \
        .byte 0, 0, 0, 0

#define SEG_ASM(type,base,lim)                                  \
        .word (((lim) >> 12) & 0xffff), ((base) & 0xffff);      \
        .byte (((base) >> 16) & 0xff), (0x90 | (type)),         \
                (0xC0 | (((lim) >> 28) & 0xf)), (((base) >> 24) & 0xff)
