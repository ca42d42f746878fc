package io.perpetua.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.perpetua.app.Main;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The help of every command as a newcomer reads it at 80 columns: command lists show whole
 * sentences, examples stay whole commands that parse.
 */
class HelpTextTest {
  private static final int WIDTH = 80;

  static Stream<Arguments> commands() {
    List<CommandLine> all = new ArrayList<>();
    collect(Main.commandLine(), all);
    return all.stream().map(l -> Arguments.of(l.getCommandSpec().qualifiedName(), l));
  }

  private static void collect(CommandLine line, List<CommandLine> into) {
    into.add(line);
    line.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
  }

  private static String help(CommandLine line) {
    line.getCommandSpec().usageMessage().width(WIDTH);
    return line.getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void help_commandList_showsEachSummaryAsWholeSentence(String name, CommandLine line) {
    String[] lines = help(line).split("\n", -1);
    int start = Arrays.asList(lines).indexOf("Commands:");
    if (start < 0) {
      return;
    }
    Map<String, CommandLine> subs = line.getSubcommands();
    List<String> entries = new ArrayList<>();
    for (int i = start + 1; i < lines.length && lines[i].startsWith("  "); i++) {
      String text = lines[i].strip();
      String first = text.split("\\s+", 2)[0];
      if (lines[i].matches("^  \\S.*") && subs.containsKey(first)) {
        entries.add(text.substring(first.length()).strip());
      } else {
        int last = entries.size() - 1;
        entries.set(last, entries.get(last) + " " + text);
      }
    }
    assertThat(entries).hasSize((int) subs.values().stream().distinct().count());
    assertThat(entries).allSatisfy(summary -> assertThat(summary).endsWith("."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void help_examples_areWholeCommandsThatParse(String name, CommandLine line) {
    String help = help(line);
    assertThat(help.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(WIDTH));
    for (String example : examples(help)) {
      String[] args = example.substring("./perpetua ".length()).strip().split("\\s+");
      assertThatCode(() -> Main.commandLine().parseArgs(args))
          .as("example in the help of '%s': %s", name, example)
          .doesNotThrowAnyException();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void help_footerLines_fitTheWidthUnwrapped(String name, CommandLine line) {
    // Footers hold literal lines (examples, notes): picocli breaks a longer one mid-text.
    assertThat(line.getCommandSpec().usageMessage().footer())
        .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(WIDTH));
  }

  /**
   * The example commands in a help text: lines starting with ./perpetua, `\` continuations joined.
   */
  static List<String> examples(String help) {
    List<String> examples = new ArrayList<>();
    StringBuilder current = null;
    for (String raw : help.split("\n")) {
      String l = raw.strip();
      if (current == null && !l.startsWith("./perpetua ")) {
        continue;
      }
      if (current == null) {
        current = new StringBuilder();
      }
      int comment = l.indexOf(" #");
      if (comment >= 0) {
        l = l.substring(0, comment).strip();
      }
      if (l.endsWith("\\")) {
        current.append(l, 0, l.length() - 1).append(' ');
      } else {
        examples.add(current.append(l).toString().strip());
        current = null;
      }
    }
    return examples;
  }
}
