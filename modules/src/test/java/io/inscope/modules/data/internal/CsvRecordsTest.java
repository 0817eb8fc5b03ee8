package io.inscope.modules.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

  @Test
  void splitsFieldsAndHonoursQuotes() throws IOException {
    CsvRecords records = new CsvRecords(new StringReader("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n\n,,\n\"multi\nline\",2,3"));
    assertEquals(List.of("a", "b", "c"), records.next());
    assertEquals(1, records.line());
    assertEquals(List.of("1", "x, y", "say \"hi\""), records.next());
    assertEquals(2, records.line());
    assertEquals(List.of("", "", ""), records.next());
    assertEquals(4, records.line());
    assertEquals(List.of("multi\nline", "2", "3"), records.next());
    assertEquals(5, records.line());
    assertNull(records.next());
  }

  @Test
  void blankTrailingLinesAreSkipped() throws IOException {
    CsvRecords records = new CsvRecords(new StringReader("a\n1\n\n\r\n"));
    assertEquals(List.of("a"), records.next());
    assertEquals(List.of("1"), records.next());
    assertNull(records.next());
  }

  @Test
  void unclosedQuoteNamesItsLine() throws IOException {
    CsvRecords records = new CsvRecords(new StringReader("a,b\n1,\"open\n"));
    records.next();
    IllegalStateException e = assertThrows(IllegalStateException.class, records::next);
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void longInputCrossesBufferBoundaries() throws IOException {
    StringBuilder text = new StringBuilder("x\n");
    for (int i = 0; i < 10_000; i++) {
      text.append('"').append(i).append("\"\r\n");
    }
    CsvRecords records = new CsvRecords(new StringReader(text.toString()));
    records.next();
    for (int i = 0; i < 10_000; i++) {
      assertEquals(List.of(Integer.toString(i)), records.next());
      assertEquals(i + 2, records.line());
    }
    assertNull(records.next());
  }
}
