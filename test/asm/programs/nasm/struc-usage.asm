; struc, istruc/at/iend and field access.
        bits 32
        org 0x8000

struc point
    .x: resd 1
    .y: resd 1
endstruc

struc task
    .id:     resw 1
    .flags:  resw 1
    .pos:    resb point_size
    .name:   resb 16
    .next:   resd 1
endstruc

move_task:
        mov eax, [ebx + task.pos + point.x]
        add eax, [esi + point.x]
        mov [ebx + task.pos + point.x], eax
        mov eax, [ebx + task.pos + point.y]
        add eax, [esi + point.y]
        mov [ebx + task.pos + point.y], eax
        movzx ecx, word [ebx + task.id]
        mov ebx, [ebx + task.next]
        ret

first_task:
    istruc task
        at task.id,    dw 1
        at task.flags, dw 0x8000
        at task.pos,   dd 10, 20
        at task.name,  db "init"
        at task.next,  dd second_task
    iend
second_task:
    istruc task
        at task.id,    dw 2
        at task.name,  db "idle", 0
    iend
task_count: dd (second_task - first_task) / task_size + 1
