; Scope 5: a triple fault is reported: #UD through a not-present gate gives #NP, #NP again gives #DF, and a not-present #DF gate shuts the machine down.
; QEMU-EXIT: 0 (QEMU -no-reboot ends with status 0 on a shutdown; ringstep run exits 98 with the cause chain on stderr)
; EXIT: 98
; STDERR: #DF error code 0x0
%include "rstest.inc"
main32:
    PRINTLN "clearing the P bit of gates 6, 8 and 11"
    and byte [idt + 6 * 8 + 5], 0x7f
    and byte [idt + 8 * 8 + 5], 0x7f
    and byte [idt + 11 * 8 + 5], 0x7f
    PRINTLN "ud2"
    ud2
    PRINTLN "still running: FAIL"
    ret
END_IMAGE
