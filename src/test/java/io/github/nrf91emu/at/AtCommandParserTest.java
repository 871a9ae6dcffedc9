package io.github.nrf91emu.at;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AtCommandParserTest {

    /** Renders parsed commands compactly: name, form and each parameter's kind and value. */
    private static String render(List<AtCommand> commands) {
        return commands.stream()
                .map(AtCommandParserTest::render)
                .collect(Collectors.joining(" ; "));
    }

    private static String render(AtCommand command) {
        String parameters =
                command.parameters().stream()
                        .map(AtCommandParserTest::render)
                        .collect(Collectors.joining(","));
        return command.name()
                + " "
                + command.form()
                + (parameters.isEmpty() ? "" : " " + parameters);
    }

    private static String render(AtParameter parameter) {
        if (parameter instanceof AtParameter.Empty) {
            return "E";
        }
        if (parameter instanceof AtParameter.Numeric numeric) {
            return "N" + numeric.text();
        }
        if (parameter instanceof AtParameter.Quoted quoted) {
            return "Q[" + new String(quoted.bytes(), ISO_8859_1) + "]";
        }
        return "U" + ((AtParameter.Unquoted) parameter).text();
    }

    private static List<AtCommand> parse(String line) throws AtSyntaxException {
        return AtCommandParser.parse(line.getBytes(ISO_8859_1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "AT                                    | ''",
                "at                                    | ''",
                "'  AT  '                              | ''",
                "AT+CGSN                               | +CGSN EXECUTE",
                "at+cgsn                               | +CGSN EXECUTE",
                "aT%xModemUuid                         | %XMODEMUUID EXECUTE",
                "AT#XSLEEP                             | #XSLEEP EXECUTE",
                "AT+CFUN?                              | +CFUN READ",
                "AT+CFUN=?                             | +CFUN TEST",
                "AT+CFUN=4                             | +CFUN SET N4",
                "AT+CFUN=+4                            | +CFUN SET N+4",
                "AT+CFUN=-4                            | +CFUN SET N-4",
                "AT+CGSN=1                             | +CGSN SET N1",
                "AT%JWT=                               | %JWT SET E",
                "AT%JWT=,,                             | %JWT SET E,E,E",
                "AT%JWT=0,                             | %JWT SET N0,E",
                "'AT%JWT=0, 3600, \"a\" ,\"b\"'        | %JWT SET N0,N3600,Q[a],Q[b]",
                "'AT%JWT=0,0,\"\",\"\"'                | %JWT SET N0,N0,Q[],Q[]",
                "'AT%JWT=0,0,\"a;b,c=?\"'              | %JWT SET N0,N0,Q[a;b,c=?]",
                "'AT%JWT=0,0,abc'                      | %JWT SET N0,N0,Uabc",
                "'AT%JWT=0,0,12ab'                     | %JWT SET N0,N0,U12ab",
                "'AT%JWT=0,0,+'                        | %JWT SET N0,N0,U+",
                "AT+CFUN?;+CGSN                        | +CFUN READ ; +CGSN EXECUTE",
                "'AT +CGSN'                            | +CGSN EXECUTE",
                "AT+CFUN==1                            | +CFUN SET U=1",
                "'AT+CFUN?; +CGSN;'                    | +CFUN READ ; +CGSN EXECUTE",
                "'AT+CMEE=1;%JWT=,,\"x\"'              | +CMEE SET N1 ; %JWT SET E,E,Q[x]",
                "AT+CFUN=99999999999999999999999        | +CFUN SET N99999999999999999999999",
            })
    void validLines(String line, String expected) throws AtSyntaxException {
        assertEquals(expected, render(parse(line)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "",
                "A",
                "T+CGSN",
                "ATX",
                "AT+",
                "AT+CGSN AT+CGMR",
                "AT+CG-SN",
                "AT+CGSN?x",
                "AT+CFUN=?1",
                "AT+CFUN=1 2",
                "AT%JWT=0,0,\"abc",
                "AT%JWT=0,0,\"abc\"def",
                "AT%JWT=0,0,\"abc\"\"def\"",
                "AT+CGSN;;+CGMR",
                "AT+CGSN;AT+CGMR",
                "AT+CFUN=1\u0001",
                "AT+CFUN=\u00e91",
                "ATE0",
            })
    void invalidLines(String line) {
        assertThrows(AtSyntaxException.class, () -> parse(line));
    }

    @Test
    void quotedStringKeepsRawBytes() throws AtSyntaxException {
        byte[] line = {
            'A',
            'T',
            '%',
            'C',
            'M',
            'N',
            'G',
            '=',
            '"',
            'a',
            '\r',
            '\n',
            'b',
            '\n',
            (byte) 0xff,
            0,
            '"'
        };

        List<AtCommand> commands = AtCommandParser.parse(line);

        AtParameter.Quoted quoted =
                assertInstanceOf(AtParameter.Quoted.class, commands.get(0).parameter(0));
        assertArrayEquals(new byte[] {'a', '\r', '\n', 'b', '\n', (byte) 0xff, 0}, quoted.bytes());
    }

    @Test
    void lineAtMaximumLengthParses() throws AtSyntaxException {
        String prefix = "AT%JWT=0,0,\"";
        String line =
                prefix + "s".repeat(AtCommandParser.MAX_LINE_LENGTH - prefix.length() - 1) + "\"";
        assertEquals(AtCommandParser.MAX_LINE_LENGTH, line.length());

        List<AtCommand> commands = parse(line);

        assertEquals(1, commands.size());
    }

    @Test
    void lineOverMaximumLengthFails() {
        String prefix = "AT%JWT=0,0,\"";
        String line = prefix + "s".repeat(AtCommandParser.MAX_LINE_LENGTH - prefix.length()) + "\"";

        AtSyntaxException e = assertThrows(AtSyntaxException.class, () -> parse(line));

        assertTrue(e.getMessage().contains("4097"), e.getMessage());
    }

    @Test
    void numericRangeCheck() {
        AtParameter.Numeric value = new AtParameter.Numeric("4294967295");
        AtParameter.Numeric plus = new AtParameter.Numeric("+7");
        AtParameter.Numeric huge = new AtParameter.Numeric("99999999999999999999");

        assertEquals(4294967295L, value.valueIn(0, 4294967295L));
        assertEquals(null, value.valueIn(0, 4294967294L));
        assertEquals(7L, plus.valueIn(0, 10));
        assertEquals(null, huge.valueIn(Long.MIN_VALUE, Long.MAX_VALUE));
    }
}
