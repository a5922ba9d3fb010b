#!/usr/bin/env python3
# Generates src/SidFlow.Core/Emulation/Cpu6510.Opcodes.cs from the NMOS 6510 opcode table below
# (mnemonic, addressing mode, base cycles; * = one more cycle when the address crosses a page).
# Run it after changing the table; the generated file is committed so builds never need Python.
import os
table = """
00 BRK imp 7|01 ORA izx 6|02 JAM imp 0|03 SLO izx 8|04 NOP zp 3|05 ORA zp 3|06 ASL zp 5|07 SLO zp 5|08 PHP imp 3|09 ORA imm 2|0A ASLA acc 2|0B ANC imm 2|0C NOP abs 4|0D ORA abs 4|0E ASL abs 6|0F SLO abs 6
10 BPL rel 2|11 ORA izy 5*|12 JAM imp 0|13 SLO izy 8|14 NOP zpx 4|15 ORA zpx 4|16 ASL zpx 6|17 SLO zpx 6|18 CLC imp 2|19 ORA aby 4*|1A NOP imp 2|1B SLO aby 7|1C NOP abx 4*|1D ORA abx 4*|1E ASL abx 7|1F SLO abx 7
20 JSR abs 6|21 AND izx 6|22 JAM imp 0|23 RLA izx 8|24 BIT zp 3|25 AND zp 3|26 ROL zp 5|27 RLA zp 5|28 PLP imp 4|29 AND imm 2|2A ROLA acc 2|2B ANC imm 2|2C BIT abs 4|2D AND abs 4|2E ROL abs 6|2F RLA abs 6
30 BMI rel 2|31 AND izy 5*|32 JAM imp 0|33 RLA izy 8|34 NOP zpx 4|35 AND zpx 4|36 ROL zpx 6|37 RLA zpx 6|38 SEC imp 2|39 AND aby 4*|3A NOP imp 2|3B RLA aby 7|3C NOP abx 4*|3D AND abx 4*|3E ROL abx 7|3F RLA abx 7
40 RTI imp 6|41 EOR izx 6|42 JAM imp 0|43 SRE izx 8|44 NOP zp 3|45 EOR zp 3|46 LSR zp 5|47 SRE zp 5|48 PHA imp 3|49 EOR imm 2|4A LSRA acc 2|4B ALR imm 2|4C JMP abs 3|4D EOR abs 4|4E LSR abs 6|4F SRE abs 6
50 BVC rel 2|51 EOR izy 5*|52 JAM imp 0|53 SRE izy 8|54 NOP zpx 4|55 EOR zpx 4|56 LSR zpx 6|57 SRE zpx 6|58 CLI imp 2|59 EOR aby 4*|5A NOP imp 2|5B SRE aby 7|5C NOP abx 4*|5D EOR abx 4*|5E LSR abx 7|5F SRE abx 7
60 RTS imp 6|61 ADC izx 6|62 JAM imp 0|63 RRA izx 8|64 NOP zp 3|65 ADC zp 3|66 ROR zp 5|67 RRA zp 5|68 PLA imp 4|69 ADC imm 2|6A RORA acc 2|6B ARR imm 2|6C JMPI ind 5|6D ADC abs 4|6E ROR abs 6|6F RRA abs 6
70 BVS rel 2|71 ADC izy 5*|72 JAM imp 0|73 RRA izy 8|74 NOP zpx 4|75 ADC zpx 4|76 ROR zpx 6|77 RRA zpx 6|78 SEI imp 2|79 ADC aby 4*|7A NOP imp 2|7B RRA aby 7|7C NOP abx 4*|7D ADC abx 4*|7E ROR abx 7|7F RRA abx 7
80 NOP imm 2|81 STA izx 6|82 NOP imm 2|83 SAX izx 6|84 STY zp 3|85 STA zp 3|86 STX zp 3|87 SAX zp 3|88 DEY imp 2|89 NOP imm 2|8A TXA imp 2|8B XAA imm 2|8C STY abs 4|8D STA abs 4|8E STX abs 4|8F SAX abs 4
90 BCC rel 2|91 STA izy 6|92 JAM imp 0|93 SHA izy 6|94 STY zpx 4|95 STA zpx 4|96 STX zpy 4|97 SAX zpy 4|98 TYA imp 2|99 STA aby 5|9A TXS imp 2|9B TAS aby 5|9C SHY abx 5|9D STA abx 5|9E SHX aby 5|9F SHA aby 5
A0 LDY imm 2|A1 LDA izx 6|A2 LDX imm 2|A3 LAX izx 6|A4 LDY zp 3|A5 LDA zp 3|A6 LDX zp 3|A7 LAX zp 3|A8 TAY imp 2|A9 LDA imm 2|AA TAX imp 2|AB LXA imm 2|AC LDY abs 4|AD LDA abs 4|AE LDX abs 4|AF LAX abs 4
B0 BCS rel 2|B1 LDA izy 5*|B2 JAM imp 0|B3 LAX izy 5*|B4 LDY zpx 4|B5 LDA zpx 4|B6 LDX zpy 4|B7 LAX zpy 4|B8 CLV imp 2|B9 LDA aby 4*|BA TSX imp 2|BB LAS aby 4*|BC LDY abx 4*|BD LDA abx 4*|BE LDX aby 4*|BF LAX aby 4*
C0 CPY imm 2|C1 CMP izx 6|C2 NOP imm 2|C3 DCP izx 8|C4 CPY zp 3|C5 CMP zp 3|C6 DEC zp 5|C7 DCP zp 5|C8 INY imp 2|C9 CMP imm 2|CA DEX imp 2|CB SBX imm 2|CC CPY abs 4|CD CMP abs 4|CE DEC abs 6|CF DCP abs 6
D0 BNE rel 2|D1 CMP izy 5*|D2 JAM imp 0|D3 DCP izy 8|D4 NOP zpx 4|D5 CMP zpx 4|D6 DEC zpx 6|D7 DCP zpx 6|D8 CLD imp 2|D9 CMP aby 4*|DA NOP imp 2|DB DCP aby 7|DC NOP abx 4*|DD CMP abx 4*|DE DEC abx 7|DF DCP abx 7
E0 CPX imm 2|E1 SBC izx 6|E2 NOP imm 2|E3 ISC izx 8|E4 CPX zp 3|E5 SBC zp 3|E6 INC zp 5|E7 ISC zp 5|E8 INX imp 2|E9 SBC imm 2|EA NOP imp 2|EB SBC imm 2|EC CPX abs 4|ED SBC abs 4|EE INC abs 6|EF ISC abs 6
F0 BEQ rel 2|F1 SBC izy 5*|F2 JAM imp 0|F3 ISC izy 8|F4 NOP zpx 4|F5 SBC zpx 4|F6 INC zpx 6|F7 ISC zpx 6|F8 SED imp 2|F9 SBC aby 4*|FA NOP imp 2|FB ISC aby 7|FC NOP abx 4*|FD SBC abx 4*|FE INC abx 7|FF ISC abx 7
"""
ops = {}
for line in table.strip().split("\n"):
    for cell in line.split("|"):
        code, mn, mode, cyc = cell.split()
        pen = cyc.endswith("*"); cyc = int(cyc.rstrip("*"))
        ops[int(code,16)] = (mn, mode, cyc, pen)
assert len(ops) == 256

addr_expr = {
 "zp": "int ea = ZeroPage();",
 "zpx": "int ea = ZeroPageX();",
 "zpy": "int ea = ZeroPageY();",
 "abs": "int ea = Absolute();",
 "abx": "int ea = AbsoluteX(out bool crossed);",
 "aby": "int ea = AbsoluteY(out bool crossed);",
 "izx": "int ea = IndirectX();",
 "izy": "int ea = IndirectY(out bool crossed);",
}
reads = {"ORA":"Ora","AND":"And","EOR":"Eor","ADC":"Adc","SBC":"Sbc","CMP":"Cmp","CPX":"Cpx","CPY":"Cpy","LDA":"Lda","LDX":"Ldx","LDY":"Ldy","LAX":"Lax","BIT":"Bit","LAS":"Las"}
rmw = {"ASL":"Asl","LSR":"Lsr","ROL":"Rol","ROR":"Ror","INC":"Inc","DEC":"Dec","SLO":"Slo","RLA":"Rla","SRE":"Sre","RRA":"Rra","DCP":"Dcp","ISC":"Isc"}
stores = {"STA":"A","STX":"X","STY":"Y","SAX":"(byte)(A & X)"}
imm_only = {"ANC":"Anc","ALR":"Alr","ARR":"Arr","SBX":"Sbx","XAA":"Xaa","LXA":"Lxa"}
implied = {
 "CLC":"C = false;","SEC":"C = true;","CLI":"I = false;","SEI":"I = true;","CLV":"V = false;","CLD":"D = false;","SED":"D = true;",
 "TAX":"X = A; SetNz(X);","TXA":"A = X; SetNz(A);","TAY":"Y = A; SetNz(Y);","TYA":"A = Y; SetNz(A);","TSX":"X = S; SetNz(X);","TXS":"S = X;",
 "INX":"X++; SetNz(X);","INY":"Y++; SetNz(Y);","DEX":"X--; SetNz(X);","DEY":"Y--; SetNz(Y);",
 "PHA":"Push(A);","PLA":"A = Pull(); SetNz(A);","PHP":"Push((byte)(GetP() | 0x30));","PLP":"SetP(Pull());",
 "RTS":"{ int lo = Pull(); int hi = Pull(); PC = (ushort)(((hi << 8) | lo) + 1); }",
 "RTI":"{ SetP(Pull()); int lo = Pull(); int hi = Pull(); PC = (ushort)((hi << 8) | lo); }",
 "BRK":"Interrupt(0xFFFE, brk: true);",
 "ASLA":"A = Asl(A);","LSRA":"A = Lsr(A);","ROLA":"A = Rol(A);","RORA":"A = Ror(A);",
 "JAM":"Jam(op); return 0;",
}
branch = {"BPL":"!N","BMI":"N","BVC":"!V","BVS":"V","BCC":"!C","BCS":"C","BNE":"!Z","BEQ":"Z"}

out = []
out.append("// Generated from the NMOS 6510 opcode table (documented and undocumented opcodes); edit the table, not the cases.")
out.append("namespace SidFlow.Core.Emulation;")
out.append("")
out.append("public sealed partial class Cpu6510")
out.append("{")
GROUPS = 16
out.append("    /// <summary>Executes the opcode just fetched; returns its cycles (0 when the CPU jammed).</summary>")
out.append("    /// <remarks>The cases are split into groups: one 256-case method is too large for the JIT to optimize.</remarks>")
out.append("    private int Execute(byte op) => (op >> 4) switch")
out.append("    {")
for g in range(GROUPS - 1):
    out.append(f"        {g} => Execute{g}(op),")
out.append(f"        _ => Execute{GROUPS - 1}(op),")
out.append("    };")
for code in range(256):
    if code % (256 // GROUPS) == 0:
        if code:
            out.append("            default:")
            out.append("                throw new InvalidOperationException();")
            out.append("        }")
            out.append("    }")
        out.append("")
        out.append(f"    private int Execute{code // (256 // GROUPS)}(byte op)")
        out.append("    {")
        out.append("        switch (op)")
        out.append("        {")
    mn, mode, cyc, pen = ops[code]
    body = []
    if mn in implied:
        body.append(implied[mn])
    elif mn in branch:
        body.append(f"return Branch({branch[mn]});")
    elif mn == "JMP":
        body.append("{ int target = Absolute(); if (target == PC - 3) { IdleLoop = true; } PC = (ushort)target; }")
    elif mn == "JMPI":
        body.append("{ int pointer = Absolute(); PC = (ushort)(Read(pointer) | (Read((pointer & 0xFF00) | ((pointer + 1) & 0xFF)) << 8)); }")
    elif mn == "JSR":
        body.append("{ int target = Absolute(); int ret = PC - 1; Push((byte)(ret >> 8)); Push((byte)ret); PC = (ushort)target; }")
    elif mode == "imm":
        if mn in reads: body.append(f"{reads[mn]}(ReadImmediate());")
        elif mn in imm_only: body.append(f"{imm_only[mn]}(ReadImmediate());")
        elif mn == "NOP": body.append("PC++;")
        elif mn == "SBC": body.append("Sbc(ReadImmediate());")
        else: raise Exception(mn)
    elif mode == "imp" and mn == "NOP":
        body.append("")
    else:
        body.append(addr_expr[mode])
        if mn in reads or mn == "NOP":
            fn = reads.get(mn)
            body.append(f"{fn}(Read(ea));" if fn else "Read(ea);")
            if pen:
                body.append(f"if (crossed) {{ return {cyc + 1}; }}")
        elif mn in rmw:
            body.append(f"{{ byte value = Read(ea); Write(ea, value); Write(ea, {rmw[mn]}(value)); }}")
        elif mn in stores:
            body.append(f"Write(ea, {stores[mn]});")
        elif mn == "SHA": body.append("Write(ea, (byte)(A & X & ((ea >> 8) + 1)));")
        elif mn == "SHX": body.append("Write(ea, (byte)(X & ((ea >> 8) + 1)));")
        elif mn == "SHY": body.append("Write(ea, (byte)(Y & ((ea >> 8) + 1)));")
        elif mn == "TAS": body.append("S = (byte)(A & X); Write(ea, (byte)(S & ((ea >> 8) + 1)));")
        else: raise Exception(mn + mode)
        if mode in ("abx","aby","izy") and not pen:
            body.insert(1, "_ = crossed;")
    out.append(f"            case 0x{code:02X}: // {mn} {mode}")
    out.append("            {")
    for b in body:
        if b: out.append(f"                {b}")
    if not any(b.startswith("return") for b in body) and not (mn in implied and implied[mn].startswith("Jam")):
        out.append(f"                return {cyc};")
    out.append("            }")
out.append("            default:")
out.append("                throw new InvalidOperationException();")
out.append("        }")
out.append("    }")
out.append("}")
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../src/SidFlow.Core/Emulation/Cpu6510.Opcodes.cs"),"w").write("\n".join(out)+"\n")
print("wrote Cpu6510.Opcodes.cs")
