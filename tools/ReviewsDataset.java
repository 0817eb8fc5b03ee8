/*
 * Writes the small "reviews" text dataset that examples/reviews-text.yaml trains on: short product
 * reviews made from templates, labelled positive or negative, with capitals, punctuation and
 * words that say nothing about the label.
 *
 *   java tools/ReviewsDataset.java [OUT]        (default examples/data; JDK only, seeded: the same bytes every run)
 *
 * OUT/reviews-train.tsv (600 rows) and OUT/reviews-test.tsv (150 rows): a header "review<TAB>sentiment",
 * then one review and its label per line.
 */

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

public class ReviewsDataset {
  static final List<String> GOOD = List.of("great", "excellent", "lovely", "superb", "wonderful", "solid", "reliable", "perfect");
  static final List<String> BAD = List.of("awful", "terrible", "broken", "flimsy", "useless", "poor", "disappointing", "faulty");
  static final List<String> THINGS = List.of("kettle", "lamp", "chair", "phone case", "backpack", "blender", "desk", "jacket", "toaster", "umbrella");
  static final List<String> OPENERS = List.of("", "Honestly, ", "Well... ", "So: ", "I think ", "After a week, ", "Update - ");
  static final List<String> ENDINGS = List.of(".", "!", "!!", "?!", ".", " :)", " :(", "...");
  static final List<String> FILLER = List.of("the delivery was on time", "it came in a box", "my sister bought one too",
      "the color is blue", "I use it every day", "it was a gift", "the manual is in French");

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "examples/data");
    write(out.resolve("reviews-train.tsv"), 600, 11);
    write(out.resolve("reviews-test.tsv"), 150, 12);
  }

  static void write(Path file, int rows, long seed) throws IOException {
    Random random = new Random(seed);
    StringBuilder s = new StringBuilder("review\tsentiment\n");
    for (int i = 0; i < rows; i++) {
      boolean good = random.nextBoolean();
      String word = pick(random, good ? GOOD : BAD);
      String thing = pick(random, THINGS);
      String review = switch (random.nextInt(4)) {
        case 0 -> "The " + thing + " is " + word;
        case 1 -> "A " + word + " " + thing + ", " + pick(random, FILLER);
        case 2 -> capitalize(pick(random, FILLER)) + "; the " + thing + " feels " + word;
        default -> "This " + thing + "? " + capitalize(word) + ", really " + word;
      };
      if (random.nextInt(3) == 0) {
        review = review.toUpperCase(java.util.Locale.ROOT);
      }
      s.append(pick(random, OPENERS)).append(review).append(pick(random, ENDINGS)).append('\t')
          .append(good ? "positive" : "negative").append('\n');
    }
    Files.writeString(file, s.toString(), StandardCharsets.UTF_8);
  }

  static String pick(Random random, List<String> list) {
    return list.get(random.nextInt(list.size()));
  }

  static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
