package io.avnas.datasets.av.fakeavceleb;

import io.avnas.datasets.av.decode.Csv;
import io.avnas.datasets.av.decode.ListingProblems;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code meta_data.csv} by position. The published header is
 * {@code source,target1,target2,method,category,type,race,gender,path,} (nine names and a trailing
 * comma) over rows of ten fields, where {@code path} holds the file name and the unnamed tenth field
 * the directory. Parsing by name would swap the two; parsing by position is what works.
 */
final class MetaDataCsv {
  static final String FILE_NAME = "meta_data.csv";

  static final String SHORT_ROW = "rows with fewer than 10 fields (skipped)";
  static final String EMPTY_FIELD = "rows without a file name or directory (skipped)";

  private MetaDataCsv() {}

  static List<MetaRow> read(Path csv, ListingProblems problems) throws IOException {
    List<String> lines = Csv.lines(csv);
    List<MetaRow> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      List<String> fields = Csv.split(line);
      if (i == 0 && fields.get(0).trim().toLowerCase(Locale.ROOT).equals("source")) {
        continue;
      }
      String where = csv.getFileName() + " line " + (i + 1);
      if (fields.size() < 10) {
        problems.add(SHORT_ROW, where + " has " + fields.size());
        continue;
      }
      String fileName = fields.get(8).trim();
      String directory = fields.get(9).trim();
      if (fileName.isEmpty() || directory.isEmpty()) {
        problems.add(EMPTY_FIELD, where);
        continue;
      }
      rows.add(new MetaRow(i + 1, fields.get(0).trim(), fields.get(3).trim().toLowerCase(Locale.ROOT),
          fields.get(4).trim().toUpperCase(Locale.ROOT), fields.get(5).trim(), fileName, directory));
    }
    return rows;
  }
}
