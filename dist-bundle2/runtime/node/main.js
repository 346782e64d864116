#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  CloudMapError,
  DEFAULT_UDP_PAYLOAD,
  DEFAULT_ZONE_NAMING,
  EDNS_DO,
  Flag,
  GAP_REASONS,
  HEADER_BYTES,
  OPERATIONS,
  Opcode,
  REDIS_OPTIONS,
  RRClass,
  RRL_OPTIONS,
  RRType,
  Rcode,
  RedisKeys,
  RedisStore,
  ReservedAttributes,
  SHAPES,
  STREAM_MAX_MESSAGE,
  UDP_MIN_PAYLOAD,
  View,
  addReconcileOptions,
  allocateBytes,
  allocateRecordSpan,
  apexRRsets,
  callCloudMap,
  canonicalName,
  commandConnectionOptions,
  corefileZones,
  createLogger,
  createNamespace,
  createRedisClient,
  createService,
  createStore,
  deleteNamespace,
  deleteService,
  deregisterInstance,
  describeRedisTarget,
  encodeRdata,
  errors,
  formatIPv6,
  hasHealthCheck,
  idFromIdOrArn,
  isDnsNamespace,
  isEncodableName,
  listAllPages,
  loadLua,
  namespaceOrThrow,
  negativeTtl,
  numberOfKeys,
  openStore,
  recordSpanArray,
  redisTargetOf,
  registerInstance,
  renderCorefile,
  require_built,
  require_dist_cjs,
  resolveRedisTarget,
  resolveServeConfig,
  resourceOf,
  serviceOrThrow,
  serviceRRsets,
  serviceRecordName,
  setInstanceHealth,
  tagResource,
  targetFromUrl,
  untagResource,
  updateInstanceCustomHealthStatus,
  updateNamespace,
  updateService,
  waitForRedis,
  whenReady
} from "./chunk-PDKIAY6Y.js";
import "./chunk-DCVXZ3HV.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-VF57VZD3.js";

// node_modules/commander/lib/error.js
var require_error = __commonJS({
  "node_modules/commander/lib/error.js"(exports) {
    var CommanderError2 = class extends Error {
      /**
       * Constructs the CommanderError class
       * @param {number} exitCode suggested exit code which could be used with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       */
      constructor(exitCode, code2, message) {
        super(message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
        this.code = code2;
        this.exitCode = exitCode;
        this.nestedError = void 0;
      }
    };
    var InvalidArgumentError2 = class extends CommanderError2 {
      /**
       * Constructs the InvalidArgumentError class
       * @param {string} [message] explanation of why argument is invalid
       */
      constructor(message) {
        super(1, "commander.invalidArgument", message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
      }
    };
    exports.CommanderError = CommanderError2;
    exports.InvalidArgumentError = InvalidArgumentError2;
  }
});

// node_modules/commander/lib/argument.js
var require_argument = __commonJS({
  "node_modules/commander/lib/argument.js"(exports) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Argument2 = class {
      /**
       * Initialize a new command argument with the given name and description.
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @param {string} name
       * @param {string} [description]
       */
      constructor(name, description) {
        this.description = description || "";
        this.variadic = false;
        this.parseArg = void 0;
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.argChoices = void 0;
        switch (name[0]) {
          case "<":
            this.required = true;
            this._name = name.slice(1, -1);
            break;
          case "[":
            this.required = false;
            this._name = name.slice(1, -1);
            break;
          default:
            this.required = true;
            this._name = name;
            break;
        }
        if (this._name.endsWith("...")) {
          this.variadic = true;
          this._name = this._name.slice(0, -3);
        }
      }
      /**
       * Return argument name.
       *
       * @return {string}
       */
      name() {
        return this._name;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Argument}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Set the custom handler for processing CLI command arguments into argument values.
       *
       * @param {Function} [fn]
       * @return {Argument}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Only allow argument value to be one of choices.
       *
       * @param {string[]} values
       * @return {Argument}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Make argument required.
       *
       * @returns {Argument}
       */
      argRequired() {
        this.required = true;
        return this;
      }
      /**
       * Make argument optional.
       *
       * @returns {Argument}
       */
      argOptional() {
        this.required = false;
        return this;
      }
    };
    function humanReadableArgName(arg) {
      const nameOutput = arg.name() + (arg.variadic === true ? "..." : "");
      return arg.required ? "<" + nameOutput + ">" : "[" + nameOutput + "]";
    }
    exports.Argument = Argument2;
    exports.humanReadableArgName = humanReadableArgName;
  }
});

// node_modules/commander/lib/help.js
var require_help = __commonJS({
  "node_modules/commander/lib/help.js"(exports) {
    var { humanReadableArgName } = require_argument();
    var Help2 = class {
      constructor() {
        this.helpWidth = void 0;
        this.minWidthToWrap = 40;
        this.sortSubcommands = false;
        this.sortOptions = false;
        this.showGlobalOptions = false;
      }
      /**
       * prepareContext is called by Commander after applying overrides from `Command.configureHelp()`
       * and just before calling `formatHelp()`.
       *
       * Commander just uses the helpWidth and the rest is provided for optional use by more complex subclasses.
       *
       * @param {{ error?: boolean, helpWidth?: number, outputHasColors?: boolean }} contextOptions
       */
      prepareContext(contextOptions) {
        this.helpWidth = this.helpWidth ?? contextOptions.helpWidth ?? 80;
      }
      /**
       * Get an array of the visible subcommands. Includes a placeholder for the implicit help command, if there is one.
       *
       * @param {Command} cmd
       * @returns {Command[]}
       */
      visibleCommands(cmd) {
        const visibleCommands = cmd.commands.filter((cmd2) => !cmd2._hidden);
        const helpCommand = cmd._getHelpCommand();
        if (helpCommand && !helpCommand._hidden) {
          visibleCommands.push(helpCommand);
        }
        if (this.sortSubcommands) {
          visibleCommands.sort((a, b) => {
            return a.name().localeCompare(b.name());
          });
        }
        return visibleCommands;
      }
      /**
       * Compare options for sort.
       *
       * @param {Option} a
       * @param {Option} b
       * @returns {number}
       */
      compareOptions(a, b) {
        const getSortKey = (option) => {
          return option.short ? option.short.replace(/^-/, "") : option.long.replace(/^--/, "");
        };
        return getSortKey(a).localeCompare(getSortKey(b));
      }
      /**
       * Get an array of the visible options. Includes a placeholder for the implicit help option, if there is one.
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleOptions(cmd) {
        const visibleOptions = cmd.options.filter((option) => !option.hidden);
        const helpOption = cmd._getHelpOption();
        if (helpOption && !helpOption.hidden) {
          const removeShort = helpOption.short && cmd._findOption(helpOption.short);
          const removeLong = helpOption.long && cmd._findOption(helpOption.long);
          if (!removeShort && !removeLong) {
            visibleOptions.push(helpOption);
          } else if (helpOption.long && !removeLong) {
            visibleOptions.push(
              cmd.createOption(helpOption.long, helpOption.description)
            );
          } else if (helpOption.short && !removeShort) {
            visibleOptions.push(
              cmd.createOption(helpOption.short, helpOption.description)
            );
          }
        }
        if (this.sortOptions) {
          visibleOptions.sort(this.compareOptions);
        }
        return visibleOptions;
      }
      /**
       * Get an array of the visible global options. (Not including help.)
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleGlobalOptions(cmd) {
        if (!this.showGlobalOptions) return [];
        const globalOptions = [];
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          const visibleOptions = ancestorCmd.options.filter(
            (option) => !option.hidden
          );
          globalOptions.push(...visibleOptions);
        }
        if (this.sortOptions) {
          globalOptions.sort(this.compareOptions);
        }
        return globalOptions;
      }
      /**
       * Get an array of the arguments if any have a description.
       *
       * @param {Command} cmd
       * @returns {Argument[]}
       */
      visibleArguments(cmd) {
        if (cmd._argsDescription) {
          cmd.registeredArguments.forEach((argument) => {
            argument.description = argument.description || cmd._argsDescription[argument.name()] || "";
          });
        }
        if (cmd.registeredArguments.find((argument) => argument.description)) {
          return cmd.registeredArguments;
        }
        return [];
      }
      /**
       * Get the command term to show in the list of subcommands.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandTerm(cmd) {
        const args = cmd.registeredArguments.map((arg) => humanReadableArgName(arg)).join(" ");
        return cmd._name + (cmd._aliases[0] ? "|" + cmd._aliases[0] : "") + (cmd.options.length ? " [options]" : "") + // simplistic check for non-help option
        (args ? " " + args : "");
      }
      /**
       * Get the option term to show in the list of options.
       *
       * @param {Option} option
       * @returns {string}
       */
      optionTerm(option) {
        return option.flags;
      }
      /**
       * Get the argument term to show in the list of arguments.
       *
       * @param {Argument} argument
       * @returns {string}
       */
      argumentTerm(argument) {
        return argument.name();
      }
      /**
       * Get the longest command term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestSubcommandTermLength(cmd, helper) {
        return helper.visibleCommands(cmd).reduce((max, command) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleSubcommandTerm(helper.subcommandTerm(command))
            )
          );
        }, 0);
      }
      /**
       * Get the longest option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestOptionTermLength(cmd, helper) {
        return helper.visibleOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest global option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestGlobalOptionTermLength(cmd, helper) {
        return helper.visibleGlobalOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest argument term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestArgumentTermLength(cmd, helper) {
        return helper.visibleArguments(cmd).reduce((max, argument) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleArgumentTerm(helper.argumentTerm(argument))
            )
          );
        }, 0);
      }
      /**
       * Get the command usage to be displayed at the top of the built-in help.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandUsage(cmd) {
        let cmdName = cmd._name;
        if (cmd._aliases[0]) {
          cmdName = cmdName + "|" + cmd._aliases[0];
        }
        let ancestorCmdNames = "";
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          ancestorCmdNames = ancestorCmd.name() + " " + ancestorCmdNames;
        }
        return ancestorCmdNames + cmdName + " " + cmd.usage();
      }
      /**
       * Get the description for the command.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandDescription(cmd) {
        return cmd.description();
      }
      /**
       * Get the subcommand summary to show in the list of subcommands.
       * (Fallback to description for backwards compatibility.)
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandDescription(cmd) {
        return cmd.summary() || cmd.description();
      }
      /**
       * Get the option description to show in the list of options.
       *
       * @param {Option} option
       * @return {string}
       */
      optionDescription(option) {
        const extraInfo = [];
        if (option.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${option.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (option.defaultValue !== void 0) {
          const showDefault = option.required || option.optional || option.isBoolean() && typeof option.defaultValue === "boolean";
          if (showDefault) {
            extraInfo.push(
              `default: ${option.defaultValueDescription || JSON.stringify(option.defaultValue)}`
            );
          }
        }
        if (option.presetArg !== void 0 && option.optional) {
          extraInfo.push(`preset: ${JSON.stringify(option.presetArg)}`);
        }
        if (option.envVar !== void 0) {
          extraInfo.push(`env: ${option.envVar}`);
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (option.description) {
            return `${option.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return option.description;
      }
      /**
       * Get the argument description to show in the list of arguments.
       *
       * @param {Argument} argument
       * @return {string}
       */
      argumentDescription(argument) {
        const extraInfo = [];
        if (argument.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${argument.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (argument.defaultValue !== void 0) {
          extraInfo.push(
            `default: ${argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}`
          );
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (argument.description) {
            return `${argument.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return argument.description;
      }
      /**
       * Format a list of items, given a heading and an array of formatted items.
       *
       * @param {string} heading
       * @param {string[]} items
       * @param {Help} helper
       * @returns string[]
       */
      formatItemList(heading, items, helper) {
        if (items.length === 0) return [];
        return [helper.styleTitle(heading), ...items, ""];
      }
      /**
       * Group items by their help group heading.
       *
       * @param {Command[] | Option[]} unsortedItems
       * @param {Command[] | Option[]} visibleItems
       * @param {Function} getGroup
       * @returns {Map<string, Command[] | Option[]>}
       */
      groupItems(unsortedItems, visibleItems, getGroup) {
        const result = /* @__PURE__ */ new Map();
        unsortedItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) result.set(group, []);
        });
        visibleItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) {
            result.set(group, []);
          }
          result.get(group).push(item);
        });
        return result;
      }
      /**
       * Generate the built-in help text.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {string}
       */
      formatHelp(cmd, helper) {
        const termWidth = helper.padWidth(cmd, helper);
        const helpWidth = helper.helpWidth ?? 80;
        function callFormatItem(term, description) {
          return helper.formatItem(term, termWidth, description, helper);
        }
        let output = [
          `${helper.styleTitle("Usage:")} ${helper.styleUsage(helper.commandUsage(cmd))}`,
          ""
        ];
        const commandDescription = helper.commandDescription(cmd);
        if (commandDescription.length > 0) {
          output = output.concat([
            helper.boxWrap(
              helper.styleCommandDescription(commandDescription),
              helpWidth
            ),
            ""
          ]);
        }
        const argumentList = helper.visibleArguments(cmd).map((argument) => {
          return callFormatItem(
            helper.styleArgumentTerm(helper.argumentTerm(argument)),
            helper.styleArgumentDescription(helper.argumentDescription(argument))
          );
        });
        output = output.concat(
          this.formatItemList("Arguments:", argumentList, helper)
        );
        const optionGroups = this.groupItems(
          cmd.options,
          helper.visibleOptions(cmd),
          (option) => option.helpGroupHeading ?? "Options:"
        );
        optionGroups.forEach((options, group) => {
          const optionList = options.map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output = output.concat(this.formatItemList(group, optionList, helper));
        });
        if (helper.showGlobalOptions) {
          const globalOptionList = helper.visibleGlobalOptions(cmd).map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output = output.concat(
            this.formatItemList("Global Options:", globalOptionList, helper)
          );
        }
        const commandGroups = this.groupItems(
          cmd.commands,
          helper.visibleCommands(cmd),
          (sub) => sub.helpGroup() || "Commands:"
        );
        commandGroups.forEach((commands, group) => {
          const commandList = commands.map((sub) => {
            return callFormatItem(
              helper.styleSubcommandTerm(helper.subcommandTerm(sub)),
              helper.styleSubcommandDescription(helper.subcommandDescription(sub))
            );
          });
          output = output.concat(this.formatItemList(group, commandList, helper));
        });
        return output.join("\n");
      }
      /**
       * Return display width of string, ignoring ANSI escape sequences. Used in padding and wrapping calculations.
       *
       * @param {string} str
       * @returns {number}
       */
      displayWidth(str) {
        return stripColor(str).length;
      }
      /**
       * Style the title for displaying in the help. Called with 'Usage:', 'Options:', etc.
       *
       * @param {string} str
       * @returns {string}
       */
      styleTitle(str) {
        return str;
      }
      styleUsage(str) {
        return str.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word === "[command]") return this.styleSubcommandText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleCommandText(word);
        }).join(" ");
      }
      styleCommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleOptionDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleSubcommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleArgumentDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleDescriptionText(str) {
        return str;
      }
      styleOptionTerm(str) {
        return this.styleOptionText(str);
      }
      styleSubcommandTerm(str) {
        return str.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleSubcommandText(word);
        }).join(" ");
      }
      styleArgumentTerm(str) {
        return this.styleArgumentText(str);
      }
      styleOptionText(str) {
        return str;
      }
      styleArgumentText(str) {
        return str;
      }
      styleSubcommandText(str) {
        return str;
      }
      styleCommandText(str) {
        return str;
      }
      /**
       * Calculate the pad width from the maximum term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      padWidth(cmd, helper) {
        return Math.max(
          helper.longestOptionTermLength(cmd, helper),
          helper.longestGlobalOptionTermLength(cmd, helper),
          helper.longestSubcommandTermLength(cmd, helper),
          helper.longestArgumentTermLength(cmd, helper)
        );
      }
      /**
       * Detect manually wrapped and indented strings by checking for line break followed by whitespace.
       *
       * @param {string} str
       * @returns {boolean}
       */
      preformatted(str) {
        return /\n[^\S\r\n]/.test(str);
      }
      /**
       * Format the "item", which consists of a term and description. Pad the term and wrap the description, indenting the following lines.
       *
       * So "TTT", 5, "DDD DDDD DD DDD" might be formatted for this.helpWidth=17 like so:
       *   TTT  DDD DDDD
       *        DD DDD
       *
       * @param {string} term
       * @param {number} termWidth
       * @param {string} description
       * @param {Help} helper
       * @returns {string}
       */
      formatItem(term, termWidth, description, helper) {
        const itemIndent = 2;
        const itemIndentStr = " ".repeat(itemIndent);
        if (!description) return itemIndentStr + term;
        const paddedTerm = term.padEnd(
          termWidth + term.length - helper.displayWidth(term)
        );
        const spacerWidth = 2;
        const helpWidth = this.helpWidth ?? 80;
        const remainingWidth = helpWidth - termWidth - spacerWidth - itemIndent;
        let formattedDescription;
        if (remainingWidth < this.minWidthToWrap || helper.preformatted(description)) {
          formattedDescription = description;
        } else {
          const wrappedDescription = helper.boxWrap(description, remainingWidth);
          formattedDescription = wrappedDescription.replace(
            /\n/g,
            "\n" + " ".repeat(termWidth + spacerWidth)
          );
        }
        return itemIndentStr + paddedTerm + " ".repeat(spacerWidth) + formattedDescription.replace(/\n/g, `
${itemIndentStr}`);
      }
      /**
       * Wrap a string at whitespace, preserving existing line breaks.
       * Wrapping is skipped if the width is less than `minWidthToWrap`.
       *
       * @param {string} str
       * @param {number} width
       * @returns {string}
       */
      boxWrap(str, width) {
        if (width < this.minWidthToWrap) return str;
        const rawLines = str.split(/\r\n|\n/);
        const chunkPattern = /[\s]*[^\s]+/g;
        const wrappedLines = [];
        rawLines.forEach((line) => {
          const chunks = line.match(chunkPattern);
          if (chunks === null) {
            wrappedLines.push("");
            return;
          }
          let sumChunks = [chunks.shift()];
          let sumWidth = this.displayWidth(sumChunks[0]);
          chunks.forEach((chunk) => {
            const visibleWidth = this.displayWidth(chunk);
            if (sumWidth + visibleWidth <= width) {
              sumChunks.push(chunk);
              sumWidth += visibleWidth;
              return;
            }
            wrappedLines.push(sumChunks.join(""));
            const nextChunk = chunk.trimStart();
            sumChunks = [nextChunk];
            sumWidth = this.displayWidth(nextChunk);
          });
          wrappedLines.push(sumChunks.join(""));
        });
        return wrappedLines.join("\n");
      }
    };
    function stripColor(str) {
      const sgrPattern = /\x1b\[\d*(;\d*)*m/g;
      return str.replace(sgrPattern, "");
    }
    exports.Help = Help2;
    exports.stripColor = stripColor;
  }
});

// node_modules/commander/lib/option.js
var require_option = __commonJS({
  "node_modules/commander/lib/option.js"(exports) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Option2 = class {
      /**
       * Initialize a new `Option` with the given `flags` and `description`.
       *
       * @param {string} flags
       * @param {string} [description]
       */
      constructor(flags, description) {
        this.flags = flags;
        this.description = description || "";
        this.required = flags.includes("<");
        this.optional = flags.includes("[");
        this.variadic = /\w\.\.\.[>\]]$/.test(flags);
        this.mandatory = false;
        const optionFlags = splitOptionFlags(flags);
        this.short = optionFlags.shortFlag;
        this.long = optionFlags.longFlag;
        this.negate = false;
        if (this.long) {
          this.negate = this.long.startsWith("--no-");
        }
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.presetArg = void 0;
        this.envVar = void 0;
        this.parseArg = void 0;
        this.hidden = false;
        this.argChoices = void 0;
        this.conflictsWith = [];
        this.implied = void 0;
        this.helpGroupHeading = void 0;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Option}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Preset to use when option used without option-argument, especially optional but also boolean and negated.
       * The custom processing (parseArg) is called.
       *
       * @example
       * new Option('--color').default('GREYSCALE').preset('RGB');
       * new Option('--donate [amount]').preset('20').argParser(parseFloat);
       *
       * @param {*} arg
       * @return {Option}
       */
      preset(arg) {
        this.presetArg = arg;
        return this;
      }
      /**
       * Add option name(s) that conflict with this option.
       * An error will be displayed if conflicting options are found during parsing.
       *
       * @example
       * new Option('--rgb').conflicts('cmyk');
       * new Option('--js').conflicts(['ts', 'jsx']);
       *
       * @param {(string | string[])} names
       * @return {Option}
       */
      conflicts(names) {
        this.conflictsWith = this.conflictsWith.concat(names);
        return this;
      }
      /**
       * Specify implied option values for when this option is set and the implied options are not.
       *
       * The custom processing (parseArg) is not called on the implied values.
       *
       * @example
       * program
       *   .addOption(new Option('--log', 'write logging information to file'))
       *   .addOption(new Option('--trace', 'log extra details').implies({ log: 'trace.txt' }));
       *
       * @param {object} impliedOptionValues
       * @return {Option}
       */
      implies(impliedOptionValues) {
        let newImplied = impliedOptionValues;
        if (typeof impliedOptionValues === "string") {
          newImplied = { [impliedOptionValues]: true };
        }
        this.implied = Object.assign(this.implied || {}, newImplied);
        return this;
      }
      /**
       * Set environment variable to check for option value.
       *
       * An environment variable is only used if when processed the current option value is
       * undefined, or the source of the current value is 'default' or 'config' or 'env'.
       *
       * @param {string} name
       * @return {Option}
       */
      env(name) {
        this.envVar = name;
        return this;
      }
      /**
       * Set the custom handler for processing CLI option arguments into option values.
       *
       * @param {Function} [fn]
       * @return {Option}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Whether the option is mandatory and must have a value after parsing.
       *
       * @param {boolean} [mandatory=true]
       * @return {Option}
       */
      makeOptionMandatory(mandatory = true) {
        this.mandatory = !!mandatory;
        return this;
      }
      /**
       * Hide option in help.
       *
       * @param {boolean} [hide=true]
       * @return {Option}
       */
      hideHelp(hide = true) {
        this.hidden = !!hide;
        return this;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Only allow option value to be one of choices.
       *
       * @param {string[]} values
       * @return {Option}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Return option name.
       *
       * @return {string}
       */
      name() {
        if (this.long) {
          return this.long.replace(/^--/, "");
        }
        return this.short.replace(/^-/, "");
      }
      /**
       * Return option name, in a camelcase format that can be used
       * as an object attribute key.
       *
       * @return {string}
       */
      attributeName() {
        if (this.negate) {
          return camelcase(this.name().replace(/^no-/, ""));
        }
        return camelcase(this.name());
      }
      /**
       * Set the help group heading.
       *
       * @param {string} heading
       * @return {Option}
       */
      helpGroup(heading) {
        this.helpGroupHeading = heading;
        return this;
      }
      /**
       * Check if `arg` matches the short or long flag.
       *
       * @param {string} arg
       * @return {boolean}
       * @package
       */
      is(arg) {
        return this.short === arg || this.long === arg;
      }
      /**
       * Return whether a boolean option.
       *
       * Options are one of boolean, negated, required argument, or optional argument.
       *
       * @return {boolean}
       * @package
       */
      isBoolean() {
        return !this.required && !this.optional && !this.negate;
      }
    };
    var DualOptions = class {
      /**
       * @param {Option[]} options
       */
      constructor(options) {
        this.positiveOptions = /* @__PURE__ */ new Map();
        this.negativeOptions = /* @__PURE__ */ new Map();
        this.dualOptions = /* @__PURE__ */ new Set();
        options.forEach((option) => {
          if (option.negate) {
            this.negativeOptions.set(option.attributeName(), option);
          } else {
            this.positiveOptions.set(option.attributeName(), option);
          }
        });
        this.negativeOptions.forEach((value, key) => {
          if (this.positiveOptions.has(key)) {
            this.dualOptions.add(key);
          }
        });
      }
      /**
       * Did the value come from the option, and not from possible matching dual option?
       *
       * @param {*} value
       * @param {Option} option
       * @returns {boolean}
       */
      valueFromOption(value, option) {
        const optionKey = option.attributeName();
        if (!this.dualOptions.has(optionKey)) return true;
        const preset = this.negativeOptions.get(optionKey).presetArg;
        const negativeValue = preset !== void 0 ? preset : false;
        return option.negate === (negativeValue === value);
      }
    };
    function camelcase(str) {
      return str.split("-").reduce((str2, word) => {
        return str2 + word[0].toUpperCase() + word.slice(1);
      });
    }
    function splitOptionFlags(flags) {
      let shortFlag;
      let longFlag;
      const shortFlagExp = /^-[^-]$/;
      const longFlagExp = /^--[^-]/;
      const flagParts = flags.split(/[ |,]+/).concat("guard");
      if (shortFlagExp.test(flagParts[0])) shortFlag = flagParts.shift();
      if (longFlagExp.test(flagParts[0])) longFlag = flagParts.shift();
      if (!shortFlag && shortFlagExp.test(flagParts[0]))
        shortFlag = flagParts.shift();
      if (!shortFlag && longFlagExp.test(flagParts[0])) {
        shortFlag = longFlag;
        longFlag = flagParts.shift();
      }
      if (flagParts[0].startsWith("-")) {
        const unsupportedFlag = flagParts[0];
        const baseError = `option creation failed due to '${unsupportedFlag}' in option flags '${flags}'`;
        if (/^-[^-][^-]/.test(unsupportedFlag))
          throw new Error(
            `${baseError}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`
          );
        if (shortFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many short flags`);
        if (longFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many long flags`);
        throw new Error(`${baseError}
- unrecognised flag format`);
      }
      if (shortFlag === void 0 && longFlag === void 0)
        throw new Error(
          `option creation failed due to no flags found in '${flags}'.`
        );
      return { shortFlag, longFlag };
    }
    exports.Option = Option2;
    exports.DualOptions = DualOptions;
  }
});

// node_modules/commander/lib/suggestSimilar.js
var require_suggestSimilar = __commonJS({
  "node_modules/commander/lib/suggestSimilar.js"(exports) {
    var maxDistance = 3;
    function editDistance(a, b) {
      if (Math.abs(a.length - b.length) > maxDistance)
        return Math.max(a.length, b.length);
      const d = [];
      for (let i = 0; i <= a.length; i++) {
        d[i] = [i];
      }
      for (let j = 0; j <= b.length; j++) {
        d[0][j] = j;
      }
      for (let j = 1; j <= b.length; j++) {
        for (let i = 1; i <= a.length; i++) {
          let cost = 1;
          if (a[i - 1] === b[j - 1]) {
            cost = 0;
          } else {
            cost = 1;
          }
          d[i][j] = Math.min(
            d[i - 1][j] + 1,
            // deletion
            d[i][j - 1] + 1,
            // insertion
            d[i - 1][j - 1] + cost
            // substitution
          );
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
            d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
          }
        }
      }
      return d[a.length][b.length];
    }
    function suggestSimilar(word, candidates) {
      if (!candidates || candidates.length === 0) return "";
      candidates = Array.from(new Set(candidates));
      const searchingOptions = word.startsWith("--");
      if (searchingOptions) {
        word = word.slice(2);
        candidates = candidates.map((candidate) => candidate.slice(2));
      }
      let similar = [];
      let bestDistance = maxDistance;
      const minSimilarity = 0.4;
      candidates.forEach((candidate) => {
        if (candidate.length <= 1) return;
        const distance = editDistance(word, candidate);
        const length = Math.max(word.length, candidate.length);
        const similarity = (length - distance) / length;
        if (similarity > minSimilarity) {
          if (distance < bestDistance) {
            bestDistance = distance;
            similar = [candidate];
          } else if (distance === bestDistance) {
            similar.push(candidate);
          }
        }
      });
      similar.sort((a, b) => a.localeCompare(b));
      if (searchingOptions) {
        similar = similar.map((candidate) => `--${candidate}`);
      }
      if (similar.length > 1) {
        return `
(Did you mean one of ${similar.join(", ")}?)`;
      }
      if (similar.length === 1) {
        return `
(Did you mean ${similar[0]}?)`;
      }
      return "";
    }
    exports.suggestSimilar = suggestSimilar;
  }
});

// node_modules/commander/lib/command.js
var require_command = __commonJS({
  "node_modules/commander/lib/command.js"(exports) {
    var EventEmitter = __require("node:events").EventEmitter;
    var childProcess = __require("node:child_process");
    var path = __require("node:path");
    var fs = __require("node:fs");
    var process3 = __require("node:process");
    var { Argument: Argument2, humanReadableArgName } = require_argument();
    var { CommanderError: CommanderError2 } = require_error();
    var { Help: Help2, stripColor } = require_help();
    var { Option: Option2, DualOptions } = require_option();
    var { suggestSimilar } = require_suggestSimilar();
    var Command2 = class _Command extends EventEmitter {
      /**
       * Initialize a new `Command`.
       *
       * @param {string} [name]
       */
      constructor(name) {
        super();
        this.commands = [];
        this.options = [];
        this.parent = null;
        this._allowUnknownOption = false;
        this._allowExcessArguments = false;
        this.registeredArguments = [];
        this._args = this.registeredArguments;
        this.args = [];
        this.rawArgs = [];
        this.processedArgs = [];
        this._scriptPath = null;
        this._name = name || "";
        this._optionValues = {};
        this._optionValueSources = {};
        this._storeOptionsAsProperties = false;
        this._actionHandler = null;
        this._executableHandler = false;
        this._executableFile = null;
        this._executableDir = null;
        this._defaultCommandName = null;
        this._exitCallback = null;
        this._aliases = [];
        this._combineFlagAndOptionalValue = true;
        this._description = "";
        this._summary = "";
        this._argsDescription = void 0;
        this._enablePositionalOptions = false;
        this._passThroughOptions = false;
        this._lifeCycleHooks = {};
        this._showHelpAfterError = false;
        this._showSuggestionAfterError = true;
        this._savedState = null;
        this._outputConfiguration = {
          writeOut: (str) => process3.stdout.write(str),
          writeErr: (str) => process3.stderr.write(str),
          outputError: (str, write) => write(str),
          getOutHelpWidth: () => process3.stdout.isTTY ? process3.stdout.columns : void 0,
          getErrHelpWidth: () => process3.stderr.isTTY ? process3.stderr.columns : void 0,
          getOutHasColors: () => useColor() ?? (process3.stdout.isTTY && process3.stdout.hasColors?.()),
          getErrHasColors: () => useColor() ?? (process3.stderr.isTTY && process3.stderr.hasColors?.()),
          stripColor: (str) => stripColor(str)
        };
        this._hidden = false;
        this._helpOption = void 0;
        this._addImplicitHelpCommand = void 0;
        this._helpCommand = void 0;
        this._helpConfiguration = {};
        this._helpGroupHeading = void 0;
        this._defaultCommandGroup = void 0;
        this._defaultOptionGroup = void 0;
      }
      /**
       * Copy settings that are useful to have in common across root command and subcommands.
       *
       * (Used internally when adding a command using `.command()` so subcommands inherit parent settings.)
       *
       * @param {Command} sourceCommand
       * @return {Command} `this` command for chaining
       */
      copyInheritedSettings(sourceCommand) {
        this._outputConfiguration = sourceCommand._outputConfiguration;
        this._helpOption = sourceCommand._helpOption;
        this._helpCommand = sourceCommand._helpCommand;
        this._helpConfiguration = sourceCommand._helpConfiguration;
        this._exitCallback = sourceCommand._exitCallback;
        this._storeOptionsAsProperties = sourceCommand._storeOptionsAsProperties;
        this._combineFlagAndOptionalValue = sourceCommand._combineFlagAndOptionalValue;
        this._allowExcessArguments = sourceCommand._allowExcessArguments;
        this._enablePositionalOptions = sourceCommand._enablePositionalOptions;
        this._showHelpAfterError = sourceCommand._showHelpAfterError;
        this._showSuggestionAfterError = sourceCommand._showSuggestionAfterError;
        return this;
      }
      /**
       * @returns {Command[]}
       * @private
       */
      _getCommandAndAncestors() {
        const result = [];
        for (let command = this; command; command = command.parent) {
          result.push(command);
        }
        return result;
      }
      /**
       * Define a command.
       *
       * There are two styles of command: pay attention to where to put the description.
       *
       * @example
       * // Command implemented using action handler (description is supplied separately to `.command`)
       * program
       *   .command('clone <source> [destination]')
       *   .description('clone a repository into a newly created directory')
       *   .action((source, destination) => {
       *     console.log('clone command called');
       *   });
       *
       * // Command implemented using separate executable file (description is second parameter to `.command`)
       * program
       *   .command('start <service>', 'start named service')
       *   .command('stop [service]', 'stop named service, or all if no name supplied');
       *
       * @param {string} nameAndArgs - command name and arguments, args are `<required>` or `[optional]` and last may also be `variadic...`
       * @param {(object | string)} [actionOptsOrExecDesc] - configuration options (for action), or description (for executable)
       * @param {object} [execOpts] - configuration options (for executable)
       * @return {Command} returns new command for action handler, or `this` for executable command
       */
      command(nameAndArgs, actionOptsOrExecDesc, execOpts) {
        let desc = actionOptsOrExecDesc;
        let opts = execOpts;
        if (typeof desc === "object" && desc !== null) {
          opts = desc;
          desc = null;
        }
        opts = opts || {};
        const [, name, args] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const cmd = this.createCommand(name);
        if (desc) {
          cmd.description(desc);
          cmd._executableHandler = true;
        }
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        cmd._hidden = !!(opts.noHelp || opts.hidden);
        cmd._executableFile = opts.executableFile || null;
        if (args) cmd.arguments(args);
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd.copyInheritedSettings(this);
        if (desc) return this;
        return cmd;
      }
      /**
       * Factory routine to create a new unattached command.
       *
       * See .command() for creating an attached subcommand, which uses this routine to
       * create the command. You can override createCommand to customise subcommands.
       *
       * @param {string} [name]
       * @return {Command} new command
       */
      createCommand(name) {
        return new _Command(name);
      }
      /**
       * You can customise the help with a subclass of Help by overriding createHelp,
       * or by overriding Help properties using configureHelp().
       *
       * @return {Help}
       */
      createHelp() {
        return Object.assign(new Help2(), this.configureHelp());
      }
      /**
       * You can customise the help by overriding Help properties using configureHelp(),
       * or with a subclass of Help by overriding createHelp().
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureHelp(configuration) {
        if (configuration === void 0) return this._helpConfiguration;
        this._helpConfiguration = configuration;
        return this;
      }
      /**
       * The default output goes to stdout and stderr. You can customise this for special
       * applications. You can also customise the display of errors by overriding outputError.
       *
       * The configuration properties are all functions:
       *
       *     // change how output being written, defaults to stdout and stderr
       *     writeOut(str)
       *     writeErr(str)
       *     // change how output being written for errors, defaults to writeErr
       *     outputError(str, write) // used for displaying errors and not used for displaying help
       *     // specify width for wrapping help
       *     getOutHelpWidth()
       *     getErrHelpWidth()
       *     // color support, currently only used with Help
       *     getOutHasColors()
       *     getErrHasColors()
       *     stripColor() // used to remove ANSI escape codes if output does not have colors
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureOutput(configuration) {
        if (configuration === void 0) return this._outputConfiguration;
        this._outputConfiguration = {
          ...this._outputConfiguration,
          ...configuration
        };
        return this;
      }
      /**
       * Display the help or a custom message after an error occurs.
       *
       * @param {(boolean|string)} [displayHelp]
       * @return {Command} `this` command for chaining
       */
      showHelpAfterError(displayHelp = true) {
        if (typeof displayHelp !== "string") displayHelp = !!displayHelp;
        this._showHelpAfterError = displayHelp;
        return this;
      }
      /**
       * Display suggestion of similar commands for unknown commands, or options for unknown options.
       *
       * @param {boolean} [displaySuggestion]
       * @return {Command} `this` command for chaining
       */
      showSuggestionAfterError(displaySuggestion = true) {
        this._showSuggestionAfterError = !!displaySuggestion;
        return this;
      }
      /**
       * Add a prepared subcommand.
       *
       * See .command() for creating an attached subcommand which inherits settings from its parent.
       *
       * @param {Command} cmd - new subcommand
       * @param {object} [opts] - configuration options
       * @return {Command} `this` command for chaining
       */
      addCommand(cmd, opts) {
        if (!cmd._name) {
          throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);
        }
        opts = opts || {};
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        if (opts.noHelp || opts.hidden) cmd._hidden = true;
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd._checkForBrokenPassThrough();
        return this;
      }
      /**
       * Factory routine to create a new unattached argument.
       *
       * See .argument() for creating an attached argument, which uses this routine to
       * create the argument. You can override createArgument to return a custom argument.
       *
       * @param {string} name
       * @param {string} [description]
       * @return {Argument} new argument
       */
      createArgument(name, description) {
        return new Argument2(name, description);
      }
      /**
       * Define argument syntax for command.
       *
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @example
       * program.argument('<input-file>');
       * program.argument('[output-file]');
       *
       * @param {string} name
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom argument processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      argument(name, description, parseArg, defaultValue) {
        const argument = this.createArgument(name, description);
        if (typeof parseArg === "function") {
          argument.default(defaultValue).argParser(parseArg);
        } else {
          argument.default(parseArg);
        }
        this.addArgument(argument);
        return this;
      }
      /**
       * Define argument syntax for command, adding multiple at once (without descriptions).
       *
       * See also .argument().
       *
       * @example
       * program.arguments('<cmd> [env]');
       *
       * @param {string} names
       * @return {Command} `this` command for chaining
       */
      arguments(names) {
        names.trim().split(/ +/).forEach((detail) => {
          this.argument(detail);
        });
        return this;
      }
      /**
       * Define argument syntax for command, adding a prepared argument.
       *
       * @param {Argument} argument
       * @return {Command} `this` command for chaining
       */
      addArgument(argument) {
        const previousArgument = this.registeredArguments.slice(-1)[0];
        if (previousArgument?.variadic) {
          throw new Error(
            `only the last argument can be variadic '${previousArgument.name()}'`
          );
        }
        if (argument.required && argument.defaultValue !== void 0 && argument.parseArg === void 0) {
          throw new Error(
            `a default value for a required argument is never used: '${argument.name()}'`
          );
        }
        this.registeredArguments.push(argument);
        return this;
      }
      /**
       * Customise or override default help command. By default a help command is automatically added if your command has subcommands.
       *
       * @example
       *    program.helpCommand('help [cmd]');
       *    program.helpCommand('help [cmd]', 'show help');
       *    program.helpCommand(false); // suppress default help command
       *    program.helpCommand(true); // add help command even if no subcommands
       *
       * @param {string|boolean} enableOrNameAndArgs - enable with custom name and/or arguments, or boolean to override whether added
       * @param {string} [description] - custom description
       * @return {Command} `this` command for chaining
       */
      helpCommand(enableOrNameAndArgs, description) {
        if (typeof enableOrNameAndArgs === "boolean") {
          this._addImplicitHelpCommand = enableOrNameAndArgs;
          if (enableOrNameAndArgs && this._defaultCommandGroup) {
            this._initCommandGroup(this._getHelpCommand());
          }
          return this;
        }
        const nameAndArgs = enableOrNameAndArgs ?? "help [command]";
        const [, helpName, helpArgs] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const helpDescription = description ?? "display help for command";
        const helpCommand = this.createCommand(helpName);
        helpCommand.helpOption(false);
        if (helpArgs) helpCommand.arguments(helpArgs);
        if (helpDescription) helpCommand.description(helpDescription);
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        if (enableOrNameAndArgs || description) this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Add prepared custom help command.
       *
       * @param {(Command|string|boolean)} helpCommand - custom help command, or deprecated enableOrNameAndArgs as for `.helpCommand()`
       * @param {string} [deprecatedDescription] - deprecated custom description used with custom name only
       * @return {Command} `this` command for chaining
       */
      addHelpCommand(helpCommand, deprecatedDescription) {
        if (typeof helpCommand !== "object") {
          this.helpCommand(helpCommand, deprecatedDescription);
          return this;
        }
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Lazy create help command.
       *
       * @return {(Command|null)}
       * @package
       */
      _getHelpCommand() {
        const hasImplicitHelpCommand = this._addImplicitHelpCommand ?? (this.commands.length && !this._actionHandler && !this._findCommand("help"));
        if (hasImplicitHelpCommand) {
          if (this._helpCommand === void 0) {
            this.helpCommand(void 0, void 0);
          }
          return this._helpCommand;
        }
        return null;
      }
      /**
       * Add hook for life cycle event.
       *
       * @param {string} event
       * @param {Function} listener
       * @return {Command} `this` command for chaining
       */
      hook(event, listener) {
        const allowedValues = ["preSubcommand", "preAction", "postAction"];
        if (!allowedValues.includes(event)) {
          throw new Error(`Unexpected value for event passed to hook : '${event}'.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        if (this._lifeCycleHooks[event]) {
          this._lifeCycleHooks[event].push(listener);
        } else {
          this._lifeCycleHooks[event] = [listener];
        }
        return this;
      }
      /**
       * Register callback to use as replacement for calling process.exit.
       *
       * @param {Function} [fn] optional callback which will be passed a CommanderError, defaults to throwing
       * @return {Command} `this` command for chaining
       */
      exitOverride(fn) {
        if (fn) {
          this._exitCallback = fn;
        } else {
          this._exitCallback = (err) => {
            if (err.code !== "commander.executeSubCommandAsync") {
              throw err;
            } else {
            }
          };
        }
        return this;
      }
      /**
       * Call process.exit, and _exitCallback if defined.
       *
       * @param {number} exitCode exit code for using with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       * @return never
       * @private
       */
      _exit(exitCode, code2, message) {
        if (this._exitCallback) {
          this._exitCallback(new CommanderError2(exitCode, code2, message));
        }
        process3.exit(exitCode);
      }
      /**
       * Register callback `fn` for the command.
       *
       * @example
       * program
       *   .command('serve')
       *   .description('start service')
       *   .action(function() {
       *      // do work here
       *   });
       *
       * @param {Function} fn
       * @return {Command} `this` command for chaining
       */
      action(fn) {
        const listener = (args) => {
          const expectedArgsCount = this.registeredArguments.length;
          const actionArgs = args.slice(0, expectedArgsCount);
          if (this._storeOptionsAsProperties) {
            actionArgs[expectedArgsCount] = this;
          } else {
            actionArgs[expectedArgsCount] = this.opts();
          }
          actionArgs.push(this);
          return fn.apply(this, actionArgs);
        };
        this._actionHandler = listener;
        return this;
      }
      /**
       * Factory routine to create a new unattached option.
       *
       * See .option() for creating an attached option, which uses this routine to
       * create the option. You can override createOption to return a custom option.
       *
       * @param {string} flags
       * @param {string} [description]
       * @return {Option} new option
       */
      createOption(flags, description) {
        return new Option2(flags, description);
      }
      /**
       * Wrap parseArgs to catch 'commander.invalidArgument'.
       *
       * @param {(Option | Argument)} target
       * @param {string} value
       * @param {*} previous
       * @param {string} invalidArgumentMessage
       * @private
       */
      _callParseArg(target, value, previous, invalidArgumentMessage) {
        try {
          return target.parseArg(value, previous);
        } catch (err) {
          if (err.code === "commander.invalidArgument") {
            const message = `${invalidArgumentMessage} ${err.message}`;
            this.error(message, { exitCode: err.exitCode, code: err.code });
          }
          throw err;
        }
      }
      /**
       * Check for option flag conflicts.
       * Register option if no conflicts found, or throw on conflict.
       *
       * @param {Option} option
       * @private
       */
      _registerOption(option) {
        const matchingOption = option.short && this._findOption(option.short) || option.long && this._findOption(option.long);
        if (matchingOption) {
          const matchingFlag = option.long && this._findOption(option.long) ? option.long : option.short;
          throw new Error(`Cannot add option '${option.flags}'${this._name && ` to command '${this._name}'`} due to conflicting flag '${matchingFlag}'
-  already used by option '${matchingOption.flags}'`);
        }
        this._initOptionGroup(option);
        this.options.push(option);
      }
      /**
       * Check for command name and alias conflicts with existing commands.
       * Register command if no conflicts found, or throw on conflict.
       *
       * @param {Command} command
       * @private
       */
      _registerCommand(command) {
        const knownBy = (cmd) => {
          return [cmd.name()].concat(cmd.aliases());
        };
        const alreadyUsed = knownBy(command).find(
          (name) => this._findCommand(name)
        );
        if (alreadyUsed) {
          const existingCmd = knownBy(this._findCommand(alreadyUsed)).join("|");
          const newCmd = knownBy(command).join("|");
          throw new Error(
            `cannot add command '${newCmd}' as already have command '${existingCmd}'`
          );
        }
        this._initCommandGroup(command);
        this.commands.push(command);
      }
      /**
       * Add an option.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addOption(option) {
        this._registerOption(option);
        const oname = option.name();
        const name = option.attributeName();
        if (option.negate) {
          const positiveLongFlag = option.long.replace(/^--no-/, "--");
          if (!this._findOption(positiveLongFlag)) {
            this.setOptionValueWithSource(
              name,
              option.defaultValue === void 0 ? true : option.defaultValue,
              "default"
            );
          }
        } else if (option.defaultValue !== void 0) {
          this.setOptionValueWithSource(name, option.defaultValue, "default");
        }
        const handleOptionValue = (val, invalidValueMessage, valueSource) => {
          if (val == null && option.presetArg !== void 0) {
            val = option.presetArg;
          }
          const oldValue = this.getOptionValue(name);
          if (val !== null && option.parseArg) {
            val = this._callParseArg(option, val, oldValue, invalidValueMessage);
          } else if (val !== null && option.variadic) {
            val = option._collectValue(val, oldValue);
          }
          if (val == null) {
            if (option.negate) {
              val = false;
            } else if (option.isBoolean() || option.optional) {
              val = true;
            } else {
              val = "";
            }
          }
          this.setOptionValueWithSource(name, val, valueSource);
        };
        this.on("option:" + oname, (val) => {
          const invalidValueMessage = `error: option '${option.flags}' argument '${val}' is invalid.`;
          handleOptionValue(val, invalidValueMessage, "cli");
        });
        if (option.envVar) {
          this.on("optionEnv:" + oname, (val) => {
            const invalidValueMessage = `error: option '${option.flags}' value '${val}' from env '${option.envVar}' is invalid.`;
            handleOptionValue(val, invalidValueMessage, "env");
          });
        }
        return this;
      }
      /**
       * Internal implementation shared by .option() and .requiredOption()
       *
       * @return {Command} `this` command for chaining
       * @private
       */
      _optionEx(config, flags, description, fn, defaultValue) {
        if (typeof flags === "object" && flags instanceof Option2) {
          throw new Error(
            "To add an Option object use addOption() instead of option() or requiredOption()"
          );
        }
        const option = this.createOption(flags, description);
        option.makeOptionMandatory(!!config.mandatory);
        if (typeof fn === "function") {
          option.default(defaultValue).argParser(fn);
        } else if (fn instanceof RegExp) {
          const regex2 = fn;
          fn = (val, def) => {
            const m = regex2.exec(val);
            return m ? m[0] : def;
          };
          option.default(defaultValue).argParser(fn);
        } else {
          option.default(fn);
        }
        return this.addOption(option);
      }
      /**
       * Define option with `flags`, `description`, and optional argument parsing function or `defaultValue` or both.
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space. A required
       * option-argument is indicated by `<>` and an optional option-argument by `[]`.
       *
       * See the README for more details, and see also addOption() and requiredOption().
       *
       * @example
       * program
       *     .option('-p, --pepper', 'add pepper')
       *     .option('--pt, --pizza-type <TYPE>', 'type of pizza') // required option-argument
       *     .option('-c, --cheese [CHEESE]', 'add extra cheese', 'mozzarella') // optional option-argument with default
       *     .option('-t, --tip <VALUE>', 'add tip to purchase cost', parseFloat) // custom parse function
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      option(flags, description, parseArg, defaultValue) {
        return this._optionEx({}, flags, description, parseArg, defaultValue);
      }
      /**
       * Add a required option which must have a value after parsing. This usually means
       * the option must be specified on the command line. (Otherwise the same as .option().)
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space.
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      requiredOption(flags, description, parseArg, defaultValue) {
        return this._optionEx(
          { mandatory: true },
          flags,
          description,
          parseArg,
          defaultValue
        );
      }
      /**
       * Alter parsing of short flags with optional values.
       *
       * @example
       * // for `.option('-f,--flag [value]'):
       * program.combineFlagAndOptionalValue(true);  // `-f80` is treated like `--flag=80`, this is the default behaviour
       * program.combineFlagAndOptionalValue(false) // `-fb` is treated like `-f -b`
       *
       * @param {boolean} [combine] - if `true` or omitted, an optional value can be specified directly after the flag.
       * @return {Command} `this` command for chaining
       */
      combineFlagAndOptionalValue(combine = true) {
        this._combineFlagAndOptionalValue = !!combine;
        return this;
      }
      /**
       * Allow unknown options on the command line.
       *
       * @param {boolean} [allowUnknown] - if `true` or omitted, no error will be thrown for unknown options.
       * @return {Command} `this` command for chaining
       */
      allowUnknownOption(allowUnknown = true) {
        this._allowUnknownOption = !!allowUnknown;
        return this;
      }
      /**
       * Allow excess command-arguments on the command line. Pass false to make excess arguments an error.
       *
       * @param {boolean} [allowExcess] - if `true` or omitted, no error will be thrown for excess arguments.
       * @return {Command} `this` command for chaining
       */
      allowExcessArguments(allowExcess = true) {
        this._allowExcessArguments = !!allowExcess;
        return this;
      }
      /**
       * Enable positional options. Positional means global options are specified before subcommands which lets
       * subcommands reuse the same option names, and also enables subcommands to turn on passThroughOptions.
       * The default behaviour is non-positional and global options may appear anywhere on the command line.
       *
       * @param {boolean} [positional]
       * @return {Command} `this` command for chaining
       */
      enablePositionalOptions(positional = true) {
        this._enablePositionalOptions = !!positional;
        return this;
      }
      /**
       * Pass through options that come after command-arguments rather than treat them as command-options,
       * so actual command-options come before command-arguments. Turning this on for a subcommand requires
       * positional options to have been enabled on the program (parent commands).
       * The default behaviour is non-positional and options may appear before or after command-arguments.
       *
       * @param {boolean} [passThrough] for unknown options.
       * @return {Command} `this` command for chaining
       */
      passThroughOptions(passThrough = true) {
        this._passThroughOptions = !!passThrough;
        this._checkForBrokenPassThrough();
        return this;
      }
      /**
       * @private
       */
      _checkForBrokenPassThrough() {
        if (this.parent && this._passThroughOptions && !this.parent._enablePositionalOptions) {
          throw new Error(
            `passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`
          );
        }
      }
      /**
       * Whether to store option values as properties on command object,
       * or store separately (specify false). In both cases the option values can be accessed using .opts().
       *
       * @param {boolean} [storeAsProperties=true]
       * @return {Command} `this` command for chaining
       */
      storeOptionsAsProperties(storeAsProperties = true) {
        if (this.options.length) {
          throw new Error("call .storeOptionsAsProperties() before adding options");
        }
        if (Object.keys(this._optionValues).length) {
          throw new Error(
            "call .storeOptionsAsProperties() before setting option values"
          );
        }
        this._storeOptionsAsProperties = !!storeAsProperties;
        return this;
      }
      /**
       * Retrieve option value.
       *
       * @param {string} key
       * @return {object} value
       */
      getOptionValue(key) {
        if (this._storeOptionsAsProperties) {
          return this[key];
        }
        return this._optionValues[key];
      }
      /**
       * Store option value.
       *
       * @param {string} key
       * @param {object} value
       * @return {Command} `this` command for chaining
       */
      setOptionValue(key, value) {
        return this.setOptionValueWithSource(key, value, void 0);
      }
      /**
       * Store option value and where the value came from.
       *
       * @param {string} key
       * @param {object} value
       * @param {string} source - expected values are default/config/env/cli/implied
       * @return {Command} `this` command for chaining
       */
      setOptionValueWithSource(key, value, source) {
        if (this._storeOptionsAsProperties) {
          this[key] = value;
        } else {
          this._optionValues[key] = value;
        }
        this._optionValueSources[key] = source;
        return this;
      }
      /**
       * Get source of option value.
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSource(key) {
        return this._optionValueSources[key];
      }
      /**
       * Get source of option value. See also .optsWithGlobals().
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSourceWithGlobals(key) {
        let source;
        this._getCommandAndAncestors().forEach((cmd) => {
          if (cmd.getOptionValueSource(key) !== void 0) {
            source = cmd.getOptionValueSource(key);
          }
        });
        return source;
      }
      /**
       * Get user arguments from implied or explicit arguments.
       * Side-effects: set _scriptPath if args included script. Used for default program name, and subcommand searches.
       *
       * @private
       */
      _prepareUserArgs(argv, parseOptions) {
        if (argv !== void 0 && !Array.isArray(argv)) {
          throw new Error("first parameter to parse must be array or undefined");
        }
        parseOptions = parseOptions || {};
        if (argv === void 0 && parseOptions.from === void 0) {
          if (process3.versions?.electron) {
            parseOptions.from = "electron";
          }
          const execArgv = process3.execArgv ?? [];
          if (execArgv.includes("-e") || execArgv.includes("--eval") || execArgv.includes("-p") || execArgv.includes("--print")) {
            parseOptions.from = "eval";
          }
        }
        if (argv === void 0) {
          argv = process3.argv;
        }
        this.rawArgs = argv.slice();
        let userArgs;
        switch (parseOptions.from) {
          case void 0:
          case "node":
            this._scriptPath = argv[1];
            userArgs = argv.slice(2);
            break;
          case "electron":
            if (process3.defaultApp) {
              this._scriptPath = argv[1];
              userArgs = argv.slice(2);
            } else {
              userArgs = argv.slice(1);
            }
            break;
          case "user":
            userArgs = argv.slice(0);
            break;
          case "eval":
            userArgs = argv.slice(1);
            break;
          default:
            throw new Error(
              `unexpected parse option { from: '${parseOptions.from}' }`
            );
        }
        if (!this._name && this._scriptPath)
          this.nameFromFilename(this._scriptPath);
        this._name = this._name || "program";
        return userArgs;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Use parseAsync instead of parse if any of your action handlers are async.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * program.parse(); // parse process.argv and auto-detect electron and special node flags
       * program.parse(process.argv); // assume argv[0] is app and argv[1] is script
       * program.parse(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv] - optional, defaults to process.argv
       * @param {object} [parseOptions] - optionally specify style of options with from: node/user/electron
       * @param {string} [parseOptions.from] - where the args are from: 'node', 'user', 'electron'
       * @return {Command} `this` command for chaining
       */
      parse(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        this._parseCommand([], userArgs);
        return this;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * await program.parseAsync(); // parse process.argv and auto-detect electron and special node flags
       * await program.parseAsync(process.argv); // assume argv[0] is app and argv[1] is script
       * await program.parseAsync(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv]
       * @param {object} [parseOptions]
       * @param {string} parseOptions.from - where the args are from: 'node', 'user', 'electron'
       * @return {Promise}
       */
      async parseAsync(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        await this._parseCommand([], userArgs);
        return this;
      }
      _prepareForParse() {
        if (this._savedState === null) {
          this.saveStateBeforeParse();
        } else {
          this.restoreStateBeforeParse();
        }
      }
      /**
       * Called the first time parse is called to save state and allow a restore before subsequent calls to parse.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state saved.
       */
      saveStateBeforeParse() {
        this._savedState = {
          // name is stable if supplied by author, but may be unspecified for root command and deduced during parsing
          _name: this._name,
          // option values before parse have default values (including false for negated options)
          // shallow clones
          _optionValues: { ...this._optionValues },
          _optionValueSources: { ...this._optionValueSources }
        };
      }
      /**
       * Restore state before parse for calls after the first.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state restored.
       */
      restoreStateBeforeParse() {
        if (this._storeOptionsAsProperties)
          throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);
        this._name = this._savedState._name;
        this._scriptPath = null;
        this.rawArgs = [];
        this._optionValues = { ...this._savedState._optionValues };
        this._optionValueSources = { ...this._savedState._optionValueSources };
        this.args = [];
        this.processedArgs = [];
      }
      /**
       * Throw if expected executable is missing. Add lots of help for author.
       *
       * @param {string} executableFile
       * @param {string} executableDir
       * @param {string} subcommandName
       */
      _checkForMissingExecutable(executableFile, executableDir, subcommandName) {
        if (fs.existsSync(executableFile)) return;
        const executableDirMessage = executableDir ? `searched for local subcommand relative to directory '${executableDir}'` : "no directory for search for local subcommand, use .executableDir() to supply a custom directory";
        const executableMissing = `'${executableFile}' does not exist
 - if '${subcommandName}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${executableDirMessage}`;
        throw new Error(executableMissing);
      }
      /**
       * Execute a sub-command executable.
       *
       * @private
       */
      _executeSubCommand(subcommand, args) {
        args = args.slice();
        let launchWithNode = false;
        const sourceExt = [".js", ".ts", ".tsx", ".mjs", ".cjs"];
        function findFile(baseDir, baseName) {
          const localBin = path.resolve(baseDir, baseName);
          if (fs.existsSync(localBin)) return localBin;
          if (sourceExt.includes(path.extname(baseName))) return void 0;
          const foundExt = sourceExt.find(
            (ext) => fs.existsSync(`${localBin}${ext}`)
          );
          if (foundExt) return `${localBin}${foundExt}`;
          return void 0;
        }
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        let executableFile = subcommand._executableFile || `${this._name}-${subcommand._name}`;
        let executableDir = this._executableDir || "";
        if (this._scriptPath) {
          let resolvedScriptPath;
          try {
            resolvedScriptPath = fs.realpathSync(this._scriptPath);
          } catch {
            resolvedScriptPath = this._scriptPath;
          }
          executableDir = path.resolve(
            path.dirname(resolvedScriptPath),
            executableDir
          );
        }
        if (executableDir) {
          let localFile = findFile(executableDir, executableFile);
          if (!localFile && !subcommand._executableFile && this._scriptPath) {
            const legacyName = path.basename(
              this._scriptPath,
              path.extname(this._scriptPath)
            );
            if (legacyName !== this._name) {
              localFile = findFile(
                executableDir,
                `${legacyName}-${subcommand._name}`
              );
            }
          }
          executableFile = localFile || executableFile;
        }
        launchWithNode = sourceExt.includes(path.extname(executableFile));
        let proc;
        if (process3.platform !== "win32") {
          if (launchWithNode) {
            args.unshift(executableFile);
            args = incrementNodeInspectorPort(process3.execArgv).concat(args);
            proc = childProcess.spawn(process3.argv[0], args, { stdio: "inherit" });
          } else {
            proc = childProcess.spawn(executableFile, args, { stdio: "inherit" });
          }
        } else {
          this._checkForMissingExecutable(
            executableFile,
            executableDir,
            subcommand._name
          );
          args.unshift(executableFile);
          args = incrementNodeInspectorPort(process3.execArgv).concat(args);
          proc = childProcess.spawn(process3.execPath, args, { stdio: "inherit" });
        }
        if (!proc.killed) {
          const signals2 = ["SIGUSR1", "SIGUSR2", "SIGTERM", "SIGINT", "SIGHUP"];
          signals2.forEach((signal) => {
            process3.on(signal, () => {
              if (proc.killed === false && proc.exitCode === null) {
                proc.kill(signal);
              }
            });
          });
        }
        const exitCallback = this._exitCallback;
        proc.on("close", (code2) => {
          code2 = code2 ?? 1;
          if (!exitCallback) {
            process3.exit(code2);
          } else {
            exitCallback(
              new CommanderError2(
                code2,
                "commander.executeSubCommandAsync",
                "(close)"
              )
            );
          }
        });
        proc.on("error", (err) => {
          if (err.code === "ENOENT") {
            this._checkForMissingExecutable(
              executableFile,
              executableDir,
              subcommand._name
            );
          } else if (err.code === "EACCES") {
            throw new Error(`'${executableFile}' not executable`);
          }
          if (!exitCallback) {
            process3.exit(1);
          } else {
            const wrappedError = new CommanderError2(
              1,
              "commander.executeSubCommandAsync",
              "(error)"
            );
            wrappedError.nestedError = err;
            exitCallback(wrappedError);
          }
        });
        this.runningCommand = proc;
      }
      /**
       * @private
       */
      _dispatchSubcommand(commandName, operands, unknown) {
        const subCommand = this._findCommand(commandName);
        if (!subCommand) this.help({ error: true });
        subCommand._prepareForParse();
        let promiseChain;
        promiseChain = this._chainOrCallSubCommandHook(
          promiseChain,
          subCommand,
          "preSubcommand"
        );
        promiseChain = this._chainOrCall(promiseChain, () => {
          if (subCommand._executableHandler) {
            this._executeSubCommand(subCommand, operands.concat(unknown));
          } else {
            return subCommand._parseCommand(operands, unknown);
          }
        });
        return promiseChain;
      }
      /**
       * Invoke help directly if possible, or dispatch if necessary.
       * e.g. help foo
       *
       * @private
       */
      _dispatchHelpCommand(subcommandName) {
        if (!subcommandName) {
          this.help();
        }
        const subCommand = this._findCommand(subcommandName);
        if (subCommand && !subCommand._executableHandler) {
          subCommand.help();
        }
        return this._dispatchSubcommand(
          subcommandName,
          [],
          [this._getHelpOption()?.long ?? this._getHelpOption()?.short ?? "--help"]
        );
      }
      /**
       * Check this.args against expected this.registeredArguments.
       *
       * @private
       */
      _checkNumberOfArguments() {
        this.registeredArguments.forEach((arg, i) => {
          if (arg.required && this.args[i] == null) {
            this.missingArgument(arg.name());
          }
        });
        if (this.registeredArguments.length > 0 && this.registeredArguments[this.registeredArguments.length - 1].variadic) {
          return;
        }
        if (this.args.length > this.registeredArguments.length) {
          this._excessArguments(this.args);
        }
      }
      /**
       * Process this.args using this.registeredArguments and save as this.processedArgs!
       *
       * @private
       */
      _processArguments() {
        const myParseArg = (argument, value, previous) => {
          let parsedValue = value;
          if (value !== null && argument.parseArg) {
            const invalidValueMessage = `error: command-argument value '${value}' is invalid for argument '${argument.name()}'.`;
            parsedValue = this._callParseArg(
              argument,
              value,
              previous,
              invalidValueMessage
            );
          }
          return parsedValue;
        };
        this._checkNumberOfArguments();
        const processedArgs = [];
        this.registeredArguments.forEach((declaredArg, index) => {
          let value = declaredArg.defaultValue;
          if (declaredArg.variadic) {
            if (index < this.args.length) {
              value = this.args.slice(index);
              if (declaredArg.parseArg) {
                value = value.reduce((processed, v) => {
                  return myParseArg(declaredArg, v, processed);
                }, declaredArg.defaultValue);
              }
            } else if (value === void 0) {
              value = [];
            }
          } else if (index < this.args.length) {
            value = this.args[index];
            if (declaredArg.parseArg) {
              value = myParseArg(declaredArg, value, declaredArg.defaultValue);
            }
          }
          processedArgs[index] = value;
        });
        this.processedArgs = processedArgs;
      }
      /**
       * Once we have a promise we chain, but call synchronously until then.
       *
       * @param {(Promise|undefined)} promise
       * @param {Function} fn
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCall(promise, fn) {
        if (promise?.then && typeof promise.then === "function") {
          return promise.then(() => fn());
        }
        return fn();
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallHooks(promise, event) {
        let result = promise;
        const hooks = [];
        this._getCommandAndAncestors().reverse().filter((cmd) => cmd._lifeCycleHooks[event] !== void 0).forEach((hookedCommand) => {
          hookedCommand._lifeCycleHooks[event].forEach((callback) => {
            hooks.push({ hookedCommand, callback });
          });
        });
        if (event === "postAction") {
          hooks.reverse();
        }
        hooks.forEach((hookDetail) => {
          result = this._chainOrCall(result, () => {
            return hookDetail.callback(hookDetail.hookedCommand, this);
          });
        });
        return result;
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {Command} subCommand
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallSubCommandHook(promise, subCommand, event) {
        let result = promise;
        if (this._lifeCycleHooks[event] !== void 0) {
          this._lifeCycleHooks[event].forEach((hook) => {
            result = this._chainOrCall(result, () => {
              return hook(this, subCommand);
            });
          });
        }
        return result;
      }
      /**
       * Process arguments in context of this command.
       * Returns action result, in case it is a promise.
       *
       * @private
       */
      _parseCommand(operands, unknown) {
        const parsed = this.parseOptions(unknown);
        this._parseOptionsEnv();
        this._parseOptionsImplied();
        operands = operands.concat(parsed.operands);
        unknown = parsed.unknown;
        this.args = operands.concat(unknown);
        if (operands && this._findCommand(operands[0])) {
          return this._dispatchSubcommand(operands[0], operands.slice(1), unknown);
        }
        if (this._getHelpCommand() && operands[0] === this._getHelpCommand().name()) {
          return this._dispatchHelpCommand(operands[1]);
        }
        if (this._defaultCommandName) {
          this._outputHelpIfRequested(unknown);
          return this._dispatchSubcommand(
            this._defaultCommandName,
            operands,
            unknown
          );
        }
        if (this.commands.length && this.args.length === 0 && !this._actionHandler && !this._defaultCommandName) {
          this.help({ error: true });
        }
        this._outputHelpIfRequested(parsed.unknown);
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        const checkForUnknownOptions = () => {
          if (parsed.unknown.length > 0) {
            this.unknownOption(parsed.unknown[0]);
          }
        };
        const commandEvent = `command:${this.name()}`;
        if (this._actionHandler) {
          checkForUnknownOptions();
          this._processArguments();
          let promiseChain;
          promiseChain = this._chainOrCallHooks(promiseChain, "preAction");
          promiseChain = this._chainOrCall(
            promiseChain,
            () => this._actionHandler(this.processedArgs)
          );
          if (this.parent) {
            promiseChain = this._chainOrCall(promiseChain, () => {
              this.parent.emit(commandEvent, operands, unknown);
            });
          }
          promiseChain = this._chainOrCallHooks(promiseChain, "postAction");
          return promiseChain;
        }
        if (this.parent?.listenerCount(commandEvent)) {
          checkForUnknownOptions();
          this._processArguments();
          this.parent.emit(commandEvent, operands, unknown);
        } else if (operands.length) {
          if (this._findCommand("*")) {
            return this._dispatchSubcommand("*", operands, unknown);
          }
          if (this.listenerCount("command:*")) {
            this.emit("command:*", operands, unknown);
          } else if (this.commands.length) {
            this.unknownCommand();
          } else {
            checkForUnknownOptions();
            this._processArguments();
          }
        } else if (this.commands.length) {
          checkForUnknownOptions();
          this.help({ error: true });
        } else {
          checkForUnknownOptions();
          this._processArguments();
        }
      }
      /**
       * Find matching command.
       *
       * @private
       * @return {Command | undefined}
       */
      _findCommand(name) {
        if (!name) return void 0;
        return this.commands.find(
          (cmd) => cmd._name === name || cmd._aliases.includes(name)
        );
      }
      /**
       * Return an option matching `arg` if any.
       *
       * @param {string} arg
       * @return {Option}
       * @package
       */
      _findOption(arg) {
        return this.options.find((option) => option.is(arg));
      }
      /**
       * Display an error message if a mandatory option does not have a value.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForMissingMandatoryOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd.options.forEach((anOption) => {
            if (anOption.mandatory && cmd.getOptionValue(anOption.attributeName()) === void 0) {
              cmd.missingMandatoryOptionValue(anOption);
            }
          });
        });
      }
      /**
       * Display an error message if conflicting options are used together in this.
       *
       * @private
       */
      _checkForConflictingLocalOptions() {
        const definedNonDefaultOptions = this.options.filter((option) => {
          const optionKey = option.attributeName();
          if (this.getOptionValue(optionKey) === void 0) {
            return false;
          }
          return this.getOptionValueSource(optionKey) !== "default";
        });
        const optionsWithConflicting = definedNonDefaultOptions.filter(
          (option) => option.conflictsWith.length > 0
        );
        optionsWithConflicting.forEach((option) => {
          const conflictingAndDefined = definedNonDefaultOptions.find(
            (defined) => option.conflictsWith.includes(defined.attributeName())
          );
          if (conflictingAndDefined) {
            this._conflictingOption(option, conflictingAndDefined);
          }
        });
      }
      /**
       * Display an error message if conflicting options are used together.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForConflictingOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd._checkForConflictingLocalOptions();
        });
      }
      /**
       * Parse options from `argv` removing known options,
       * and return argv split into operands and unknown arguments.
       *
       * Side effects: modifies command by storing options. Does not reset state if called again.
       *
       * Examples:
       *
       *     argv => operands, unknown
       *     --known kkk op => [op], []
       *     op --known kkk => [op], []
       *     sub --unknown uuu op => [sub], [--unknown uuu op]
       *     sub -- --unknown uuu op => [sub --unknown uuu op], []
       *
       * @param {string[]} args
       * @return {{operands: string[], unknown: string[]}}
       */
      parseOptions(args) {
        const operands = [];
        const unknown = [];
        let dest = operands;
        function maybeOption(arg) {
          return arg.length > 1 && arg[0] === "-";
        }
        const negativeNumberArg = (arg) => {
          if (!/^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/.test(arg)) return false;
          return !this._getCommandAndAncestors().some(
            (cmd) => cmd.options.map((opt) => opt.short).some((short) => /^-\d$/.test(short))
          );
        };
        let activeVariadicOption = null;
        let activeGroup = null;
        let i = 0;
        while (i < args.length || activeGroup) {
          const arg = activeGroup ?? args[i++];
          activeGroup = null;
          if (arg === "--") {
            if (dest === unknown) dest.push(arg);
            dest.push(...args.slice(i));
            break;
          }
          if (activeVariadicOption && (!maybeOption(arg) || negativeNumberArg(arg))) {
            this.emit(`option:${activeVariadicOption.name()}`, arg);
            continue;
          }
          activeVariadicOption = null;
          if (maybeOption(arg)) {
            const option = this._findOption(arg);
            if (option) {
              if (option.required) {
                const value = args[i++];
                if (value === void 0) this.optionMissingArgument(option);
                this.emit(`option:${option.name()}`, value);
              } else if (option.optional) {
                let value = null;
                if (i < args.length && (!maybeOption(args[i]) || negativeNumberArg(args[i]))) {
                  value = args[i++];
                }
                this.emit(`option:${option.name()}`, value);
              } else {
                this.emit(`option:${option.name()}`);
              }
              activeVariadicOption = option.variadic ? option : null;
              continue;
            }
          }
          if (arg.length > 2 && arg[0] === "-" && arg[1] !== "-") {
            const option = this._findOption(`-${arg[1]}`);
            if (option) {
              if (option.required || option.optional && this._combineFlagAndOptionalValue) {
                this.emit(`option:${option.name()}`, arg.slice(2));
              } else {
                this.emit(`option:${option.name()}`);
                activeGroup = `-${arg.slice(2)}`;
              }
              continue;
            }
          }
          if (/^--[^=]+=/.test(arg)) {
            const index = arg.indexOf("=");
            const option = this._findOption(arg.slice(0, index));
            if (option && (option.required || option.optional)) {
              this.emit(`option:${option.name()}`, arg.slice(index + 1));
              continue;
            }
          }
          if (dest === operands && maybeOption(arg) && !(this.commands.length === 0 && negativeNumberArg(arg))) {
            dest = unknown;
          }
          if ((this._enablePositionalOptions || this._passThroughOptions) && operands.length === 0 && unknown.length === 0) {
            if (this._findCommand(arg)) {
              operands.push(arg);
              unknown.push(...args.slice(i));
              break;
            } else if (this._getHelpCommand() && arg === this._getHelpCommand().name()) {
              operands.push(arg, ...args.slice(i));
              break;
            } else if (this._defaultCommandName) {
              unknown.push(arg, ...args.slice(i));
              break;
            }
          }
          if (this._passThroughOptions) {
            dest.push(arg, ...args.slice(i));
            break;
          }
          dest.push(arg);
        }
        return { operands, unknown };
      }
      /**
       * Return an object containing local option values as key-value pairs.
       *
       * @return {object}
       */
      opts() {
        if (this._storeOptionsAsProperties) {
          const result = {};
          const len = this.options.length;
          for (let i = 0; i < len; i++) {
            const key = this.options[i].attributeName();
            result[key] = key === this._versionOptionName ? this._version : this[key];
          }
          return result;
        }
        return this._optionValues;
      }
      /**
       * Return an object containing merged local and global option values as key-value pairs.
       *
       * @return {object}
       */
      optsWithGlobals() {
        return this._getCommandAndAncestors().reduce(
          (combinedOptions, cmd) => Object.assign(combinedOptions, cmd.opts()),
          {}
        );
      }
      /**
       * Display error message and exit (or call exitOverride).
       *
       * @param {string} message
       * @param {object} [errorOptions]
       * @param {string} [errorOptions.code] - an id string representing the error
       * @param {number} [errorOptions.exitCode] - used with process.exit
       */
      error(message, errorOptions) {
        this._outputConfiguration.outputError(
          `${message}
`,
          this._outputConfiguration.writeErr
        );
        if (typeof this._showHelpAfterError === "string") {
          this._outputConfiguration.writeErr(`${this._showHelpAfterError}
`);
        } else if (this._showHelpAfterError) {
          this._outputConfiguration.writeErr("\n");
          this.outputHelp({ error: true });
        }
        const config = errorOptions || {};
        const exitCode = config.exitCode || 1;
        const code2 = config.code || "commander.error";
        this._exit(exitCode, code2, message);
      }
      /**
       * Apply any option related environment variables, if option does
       * not have a value from cli or client code.
       *
       * @private
       */
      _parseOptionsEnv() {
        this.options.forEach((option) => {
          if (option.envVar && option.envVar in process3.env) {
            const optionKey = option.attributeName();
            if (this.getOptionValue(optionKey) === void 0 || ["default", "config", "env"].includes(
              this.getOptionValueSource(optionKey)
            )) {
              if (option.required || option.optional) {
                this.emit(`optionEnv:${option.name()}`, process3.env[option.envVar]);
              } else {
                this.emit(`optionEnv:${option.name()}`);
              }
            }
          }
        });
      }
      /**
       * Apply any implied option values, if option is undefined or default value.
       *
       * @private
       */
      _parseOptionsImplied() {
        const dualHelper = new DualOptions(this.options);
        const hasCustomOptionValue = (optionKey) => {
          return this.getOptionValue(optionKey) !== void 0 && !["default", "implied"].includes(this.getOptionValueSource(optionKey));
        };
        this.options.filter(
          (option) => option.implied !== void 0 && hasCustomOptionValue(option.attributeName()) && dualHelper.valueFromOption(
            this.getOptionValue(option.attributeName()),
            option
          )
        ).forEach((option) => {
          Object.keys(option.implied).filter((impliedKey) => !hasCustomOptionValue(impliedKey)).forEach((impliedKey) => {
            this.setOptionValueWithSource(
              impliedKey,
              option.implied[impliedKey],
              "implied"
            );
          });
        });
      }
      /**
       * Argument `name` is missing.
       *
       * @param {string} name
       * @private
       */
      missingArgument(name) {
        const message = `error: missing required argument '${name}'`;
        this.error(message, { code: "commander.missingArgument" });
      }
      /**
       * `Option` is missing an argument.
       *
       * @param {Option} option
       * @private
       */
      optionMissingArgument(option) {
        const message = `error: option '${option.flags}' argument missing`;
        this.error(message, { code: "commander.optionMissingArgument" });
      }
      /**
       * `Option` does not have a value, and is a mandatory option.
       *
       * @param {Option} option
       * @private
       */
      missingMandatoryOptionValue(option) {
        const message = `error: required option '${option.flags}' not specified`;
        this.error(message, { code: "commander.missingMandatoryOptionValue" });
      }
      /**
       * `Option` conflicts with another option.
       *
       * @param {Option} option
       * @param {Option} conflictingOption
       * @private
       */
      _conflictingOption(option, conflictingOption) {
        const findBestOptionFromValue = (option2) => {
          const optionKey = option2.attributeName();
          const optionValue = this.getOptionValue(optionKey);
          const negativeOption = this.options.find(
            (target) => target.negate && optionKey === target.attributeName()
          );
          const positiveOption = this.options.find(
            (target) => !target.negate && optionKey === target.attributeName()
          );
          if (negativeOption && (negativeOption.presetArg === void 0 && optionValue === false || negativeOption.presetArg !== void 0 && optionValue === negativeOption.presetArg)) {
            return negativeOption;
          }
          return positiveOption || option2;
        };
        const getErrorMessage = (option2) => {
          const bestOption = findBestOptionFromValue(option2);
          const optionKey = bestOption.attributeName();
          const source = this.getOptionValueSource(optionKey);
          if (source === "env") {
            return `environment variable '${bestOption.envVar}'`;
          }
          return `option '${bestOption.flags}'`;
        };
        const message = `error: ${getErrorMessage(option)} cannot be used with ${getErrorMessage(conflictingOption)}`;
        this.error(message, { code: "commander.conflictingOption" });
      }
      /**
       * Unknown option `flag`.
       *
       * @param {string} flag
       * @private
       */
      unknownOption(flag2) {
        if (this._allowUnknownOption) return;
        let suggestion = "";
        if (flag2.startsWith("--") && this._showSuggestionAfterError) {
          let candidateFlags = [];
          let command = this;
          do {
            const moreFlags = command.createHelp().visibleOptions(command).filter((option) => option.long).map((option) => option.long);
            candidateFlags = candidateFlags.concat(moreFlags);
            command = command.parent;
          } while (command && !command._enablePositionalOptions);
          suggestion = suggestSimilar(flag2, candidateFlags);
        }
        const message = `error: unknown option '${flag2}'${suggestion}`;
        this.error(message, { code: "commander.unknownOption" });
      }
      /**
       * Excess arguments, more than expected.
       *
       * @param {string[]} receivedArgs
       * @private
       */
      _excessArguments(receivedArgs) {
        if (this._allowExcessArguments) return;
        const expected = this.registeredArguments.length;
        const s = expected === 1 ? "" : "s";
        const forSubcommand = this.parent ? ` for '${this.name()}'` : "";
        const message = `error: too many arguments${forSubcommand}. Expected ${expected} argument${s} but got ${receivedArgs.length}.`;
        this.error(message, { code: "commander.excessArguments" });
      }
      /**
       * Unknown command.
       *
       * @private
       */
      unknownCommand() {
        const unknownName = this.args[0];
        let suggestion = "";
        if (this._showSuggestionAfterError) {
          const candidateNames = [];
          this.createHelp().visibleCommands(this).forEach((command) => {
            candidateNames.push(command.name());
            if (command.alias()) candidateNames.push(command.alias());
          });
          suggestion = suggestSimilar(unknownName, candidateNames);
        }
        const message = `error: unknown command '${unknownName}'${suggestion}`;
        this.error(message, { code: "commander.unknownCommand" });
      }
      /**
       * Get or set the program version.
       *
       * This method auto-registers the "-V, --version" option which will print the version number.
       *
       * You can optionally supply the flags and description to override the defaults.
       *
       * @param {string} [str]
       * @param {string} [flags]
       * @param {string} [description]
       * @return {(this | string | undefined)} `this` command for chaining, or version string if no arguments
       */
      version(str, flags, description) {
        if (str === void 0) return this._version;
        this._version = str;
        flags = flags || "-V, --version";
        description = description || "output the version number";
        const versionOption = this.createOption(flags, description);
        this._versionOptionName = versionOption.attributeName();
        this._registerOption(versionOption);
        this.on("option:" + versionOption.name(), () => {
          this._outputConfiguration.writeOut(`${str}
`);
          this._exit(0, "commander.version", str);
        });
        return this;
      }
      /**
       * Set the description.
       *
       * @param {string} [str]
       * @param {object} [argsDescription]
       * @return {(string|Command)}
       */
      description(str, argsDescription) {
        if (str === void 0 && argsDescription === void 0)
          return this._description;
        this._description = str;
        if (argsDescription) {
          this._argsDescription = argsDescription;
        }
        return this;
      }
      /**
       * Set the summary. Used when listed as subcommand of parent.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      summary(str) {
        if (str === void 0) return this._summary;
        this._summary = str;
        return this;
      }
      /**
       * Set an alias for the command.
       *
       * You may call more than once to add multiple aliases. Only the first alias is shown in the auto-generated help.
       *
       * @param {string} [alias]
       * @return {(string|Command)}
       */
      alias(alias) {
        if (alias === void 0) return this._aliases[0];
        let command = this;
        if (this.commands.length !== 0 && this.commands[this.commands.length - 1]._executableHandler) {
          command = this.commands[this.commands.length - 1];
        }
        if (alias === command._name)
          throw new Error("Command alias can't be the same as its name");
        const matchingCommand = this.parent?._findCommand(alias);
        if (matchingCommand) {
          const existingCmd = [matchingCommand.name()].concat(matchingCommand.aliases()).join("|");
          throw new Error(
            `cannot add alias '${alias}' to command '${this.name()}' as already have command '${existingCmd}'`
          );
        }
        command._aliases.push(alias);
        return this;
      }
      /**
       * Set aliases for the command.
       *
       * Only the first alias is shown in the auto-generated help.
       *
       * @param {string[]} [aliases]
       * @return {(string[]|Command)}
       */
      aliases(aliases) {
        if (aliases === void 0) return this._aliases;
        aliases.forEach((alias) => this.alias(alias));
        return this;
      }
      /**
       * Set / get the command usage `str`.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      usage(str) {
        if (str === void 0) {
          if (this._usage) return this._usage;
          const args = this.registeredArguments.map((arg) => {
            return humanReadableArgName(arg);
          });
          return [].concat(
            this.options.length || this._helpOption !== null ? "[options]" : [],
            this.commands.length ? "[command]" : [],
            this.registeredArguments.length ? args : []
          ).join(" ");
        }
        this._usage = str;
        return this;
      }
      /**
       * Get or set the name of the command.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      name(str) {
        if (str === void 0) return this._name;
        this._name = str;
        return this;
      }
      /**
       * Set/get the help group heading for this subcommand in parent command's help.
       *
       * @param {string} [heading]
       * @return {Command | string}
       */
      helpGroup(heading) {
        if (heading === void 0) return this._helpGroupHeading ?? "";
        this._helpGroupHeading = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for subcommands added to this command.
       * (This does not override a group set directly on the subcommand using .helpGroup().)
       *
       * @example
       * program.commandsGroup('Development Commands:);
       * program.command('watch')...
       * program.command('lint')...
       * ...
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      commandsGroup(heading) {
        if (heading === void 0) return this._defaultCommandGroup ?? "";
        this._defaultCommandGroup = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for options added to this command.
       * (This does not override a group set directly on the option using .helpGroup().)
       *
       * @example
       * program
       *   .optionsGroup('Development Options:')
       *   .option('-d, --debug', 'output extra debugging')
       *   .option('-p, --profile', 'output profiling information')
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      optionsGroup(heading) {
        if (heading === void 0) return this._defaultOptionGroup ?? "";
        this._defaultOptionGroup = heading;
        return this;
      }
      /**
       * @param {Option} option
       * @private
       */
      _initOptionGroup(option) {
        if (this._defaultOptionGroup && !option.helpGroupHeading)
          option.helpGroup(this._defaultOptionGroup);
      }
      /**
       * @param {Command} cmd
       * @private
       */
      _initCommandGroup(cmd) {
        if (this._defaultCommandGroup && !cmd.helpGroup())
          cmd.helpGroup(this._defaultCommandGroup);
      }
      /**
       * Set the name of the command from script filename, such as process.argv[1],
       * or require.main.filename, or __filename.
       *
       * (Used internally and public although not documented in README.)
       *
       * @example
       * program.nameFromFilename(require.main.filename);
       *
       * @param {string} filename
       * @return {Command}
       */
      nameFromFilename(filename) {
        this._name = path.basename(filename, path.extname(filename));
        return this;
      }
      /**
       * Get or set the directory for searching for executable subcommands of this command.
       *
       * @example
       * program.executableDir(__dirname);
       * // or
       * program.executableDir('subcommands');
       *
       * @param {string} [path]
       * @return {(string|null|Command)}
       */
      executableDir(path2) {
        if (path2 === void 0) return this._executableDir;
        this._executableDir = path2;
        return this;
      }
      /**
       * Return program help documentation.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to wrap for stderr instead of stdout
       * @return {string}
       */
      helpInformation(contextOptions) {
        const helper = this.createHelp();
        const context = this._getOutputContext(contextOptions);
        helper.prepareContext({
          error: context.error,
          helpWidth: context.helpWidth,
          outputHasColors: context.hasColors
        });
        const text2 = helper.formatHelp(this, helper);
        if (context.hasColors) return text2;
        return this._outputConfiguration.stripColor(text2);
      }
      /**
       * @typedef HelpContext
       * @type {object}
       * @property {boolean} error
       * @property {number} helpWidth
       * @property {boolean} hasColors
       * @property {function} write - includes stripColor if needed
       *
       * @returns {HelpContext}
       * @private
       */
      _getOutputContext(contextOptions) {
        contextOptions = contextOptions || {};
        const error = !!contextOptions.error;
        let baseWrite;
        let hasColors;
        let helpWidth;
        if (error) {
          baseWrite = (str) => this._outputConfiguration.writeErr(str);
          hasColors = this._outputConfiguration.getErrHasColors();
          helpWidth = this._outputConfiguration.getErrHelpWidth();
        } else {
          baseWrite = (str) => this._outputConfiguration.writeOut(str);
          hasColors = this._outputConfiguration.getOutHasColors();
          helpWidth = this._outputConfiguration.getOutHelpWidth();
        }
        const write = (str) => {
          if (!hasColors) str = this._outputConfiguration.stripColor(str);
          return baseWrite(str);
        };
        return { error, write, hasColors, helpWidth };
      }
      /**
       * Output help information for this command.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean } | Function} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      outputHelp(contextOptions) {
        let deprecatedCallback;
        if (typeof contextOptions === "function") {
          deprecatedCallback = contextOptions;
          contextOptions = void 0;
        }
        const outputContext = this._getOutputContext(contextOptions);
        const eventContext = {
          error: outputContext.error,
          write: outputContext.write,
          command: this
        };
        this._getCommandAndAncestors().reverse().forEach((command) => command.emit("beforeAllHelp", eventContext));
        this.emit("beforeHelp", eventContext);
        let helpInformation = this.helpInformation({ error: outputContext.error });
        if (deprecatedCallback) {
          helpInformation = deprecatedCallback(helpInformation);
          if (typeof helpInformation !== "string" && !Buffer.isBuffer(helpInformation)) {
            throw new Error("outputHelp callback must return a string or a Buffer");
          }
        }
        outputContext.write(helpInformation);
        if (this._getHelpOption()?.long) {
          this.emit(this._getHelpOption().long);
        }
        this.emit("afterHelp", eventContext);
        this._getCommandAndAncestors().forEach(
          (command) => command.emit("afterAllHelp", eventContext)
        );
      }
      /**
       * You can pass in flags and a description to customise the built-in help option.
       * Pass in false to disable the built-in help option.
       *
       * @example
       * program.helpOption('-?, --help' 'show help'); // customise
       * program.helpOption(false); // disable
       *
       * @param {(string | boolean)} flags
       * @param {string} [description]
       * @return {Command} `this` command for chaining
       */
      helpOption(flags, description) {
        if (typeof flags === "boolean") {
          if (flags) {
            if (this._helpOption === null) this._helpOption = void 0;
            if (this._defaultOptionGroup) {
              this._initOptionGroup(this._getHelpOption());
            }
          } else {
            this._helpOption = null;
          }
          return this;
        }
        this._helpOption = this.createOption(
          flags ?? "-h, --help",
          description ?? "display help for command"
        );
        if (flags || description) this._initOptionGroup(this._helpOption);
        return this;
      }
      /**
       * Lazy create help option.
       * Returns null if has been disabled with .helpOption(false).
       *
       * @returns {(Option | null)} the help option
       * @package
       */
      _getHelpOption() {
        if (this._helpOption === void 0) {
          this.helpOption(void 0, void 0);
        }
        return this._helpOption;
      }
      /**
       * Supply your own option to use for the built-in help option.
       * This is an alternative to using helpOption() to customise the flags and description etc.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addHelpOption(option) {
        this._helpOption = option;
        this._initOptionGroup(option);
        return this;
      }
      /**
       * Output help information and exit.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      help(contextOptions) {
        this.outputHelp(contextOptions);
        let exitCode = Number(process3.exitCode ?? 0);
        if (exitCode === 0 && contextOptions && typeof contextOptions !== "function" && contextOptions.error) {
          exitCode = 1;
        }
        this._exit(exitCode, "commander.help", "(outputHelp)");
      }
      /**
       * // Do a little typing to coordinate emit and listener for the help text events.
       * @typedef HelpTextEventContext
       * @type {object}
       * @property {boolean} error
       * @property {Command} command
       * @property {function} write
       */
      /**
       * Add additional text to be displayed with the built-in help.
       *
       * Position is 'before' or 'after' to affect just this command,
       * and 'beforeAll' or 'afterAll' to affect this command and all its subcommands.
       *
       * @param {string} position - before or after built-in help
       * @param {(string | Function)} text - string to add, or a function returning a string
       * @return {Command} `this` command for chaining
       */
      addHelpText(position, text2) {
        const allowedValues = ["beforeAll", "before", "after", "afterAll"];
        if (!allowedValues.includes(position)) {
          throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        const helpEvent = `${position}Help`;
        this.on(helpEvent, (context) => {
          let helpStr;
          if (typeof text2 === "function") {
            helpStr = text2({ error: context.error, command: context.command });
          } else {
            helpStr = text2;
          }
          if (helpStr) {
            context.write(`${helpStr}
`);
          }
        });
        return this;
      }
      /**
       * Output help information if help flags specified
       *
       * @param {Array} args - array of options to search for help flags
       * @private
       */
      _outputHelpIfRequested(args) {
        const helpOption = this._getHelpOption();
        const helpRequested = helpOption && args.find((arg) => helpOption.is(arg));
        if (helpRequested) {
          this.outputHelp();
          this._exit(0, "commander.helpDisplayed", "(outputHelp)");
        }
      }
    };
    function incrementNodeInspectorPort(args) {
      return args.map((arg) => {
        if (!arg.startsWith("--inspect")) {
          return arg;
        }
        let debugOption;
        let debugHost = "127.0.0.1";
        let debugPort = "9229";
        let match2;
        if ((match2 = arg.match(/^(--inspect(-brk)?)$/)) !== null) {
          debugOption = match2[1];
        } else if ((match2 = arg.match(/^(--inspect(-brk|-port)?)=([^:]+)$/)) !== null) {
          debugOption = match2[1];
          if (/^\d+$/.test(match2[3])) {
            debugPort = match2[3];
          } else {
            debugHost = match2[3];
          }
        } else if ((match2 = arg.match(/^(--inspect(-brk|-port)?)=([^:]+):(\d+)$/)) !== null) {
          debugOption = match2[1];
          debugHost = match2[3];
          debugPort = match2[4];
        }
        if (debugOption && debugPort !== "0") {
          return `${debugOption}=${debugHost}:${parseInt(debugPort) + 1}`;
        }
        return arg;
      });
    }
    function useColor() {
      if (process3.env.NO_COLOR || process3.env.FORCE_COLOR === "0" || process3.env.FORCE_COLOR === "false")
        return false;
      if (process3.env.FORCE_COLOR || process3.env.CLICOLOR_FORCE !== void 0)
        return true;
      return void 0;
    }
    exports.Command = Command2;
    exports.useColor = useColor;
  }
});

// node_modules/commander/index.js
var require_commander = __commonJS({
  "node_modules/commander/index.js"(exports) {
    var { Argument: Argument2 } = require_argument();
    var { Command: Command2 } = require_command();
    var { CommanderError: CommanderError2, InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var { Help: Help2 } = require_help();
    var { Option: Option2 } = require_option();
    exports.program = new Command2();
    exports.createCommand = (name) => new Command2(name);
    exports.createOption = (flags, description) => new Option2(flags, description);
    exports.createArgument = (name, description) => new Argument2(name, description);
    exports.Command = Command2;
    exports.Option = Option2;
    exports.Argument = Argument2;
    exports.Help = Help2;
    exports.CommanderError = CommanderError2;
    exports.InvalidArgumentError = InvalidArgumentError2;
    exports.InvalidOptionArgumentError = InvalidArgumentError2;
  }
});

// node_modules/prom-client/lib/util.js
var require_util = __commonJS({
  "node_modules/prom-client/lib/util.js"(exports) {
    "use strict";
    exports.getValueAsString = function getValueString(value) {
      if (Number.isNaN(value)) {
        return "Nan";
      } else if (!Number.isFinite(value)) {
        if (value < 0) {
          return "-Inf";
        } else {
          return "+Inf";
        }
      } else {
        return `${value}`;
      }
    };
    exports.removeLabels = function removeLabels(hashMap, labels, sortedLabelNames) {
      const hash = hashObject(labels, sortedLabelNames);
      delete hashMap[hash];
    };
    exports.setValue = function setValue(hashMap, value, labels) {
      const hash = hashObject(labels);
      hashMap[hash] = {
        value: typeof value === "number" ? value : 0,
        labels: labels || {}
      };
      return hashMap;
    };
    exports.setValueDelta = function setValueDelta(hashMap, deltaValue, labels, hash = "") {
      const value = typeof deltaValue === "number" ? deltaValue : 0;
      if (hashMap[hash]) {
        hashMap[hash].value += value;
      } else {
        hashMap[hash] = { value, labels };
      }
      return hashMap;
    };
    exports.getLabels = function(labelNames, args) {
      if (typeof args[0] === "object") {
        return args[0];
      }
      if (labelNames.length !== args.length) {
        throw new Error(
          `Invalid number of arguments (${args.length}): "${args.join(
            ", "
          )}" for label names (${labelNames.length}): "${labelNames.join(", ")}".`
        );
      }
      const acc = {};
      for (let i = 0; i < labelNames.length; i++) {
        acc[labelNames[i]] = args[i];
      }
      return acc;
    };
    function fastHashObject(keys, labels) {
      if (keys.length === 0) {
        return "";
      }
      let hash = "";
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const value = labels[key];
        if (value === void 0) continue;
        hash += `${key}:${value},`;
      }
      return hash;
    }
    function hashObject(labels, labelNames) {
      if (labelNames) {
        return fastHashObject(labelNames, labels);
      }
      const keys = Object.keys(labels);
      if (keys.length > 1) {
        keys.sort();
      }
      return fastHashObject(keys, labels);
    }
    exports.hashObject = hashObject;
    exports.isObject = function isObject2(obj) {
      return obj !== null && typeof obj === "object";
    };
    exports.nowTimestamp = function nowTimestamp() {
      return Date.now() / 1e3;
    };
    var Grouper = class extends Map {
      /**
       * Adds the `value` to the `key`'s array of values.
       * @param {*} key Key to set.
       * @param {*} value Value to add to `key`'s array.
       * @returns {undefined} undefined.
       */
      add(key, value) {
        if (this.has(key)) {
          this.get(key).push(value);
        } else {
          this.set(key, [value]);
        }
      }
    };
    exports.Grouper = Grouper;
  }
});

// node_modules/prom-client/lib/registry.js
var require_registry = __commonJS({
  "node_modules/prom-client/lib/registry.js"(exports, module) {
    "use strict";
    var { getValueAsString } = require_util();
    var Registry2 = class _Registry {
      static get PROMETHEUS_CONTENT_TYPE() {
        return "text/plain; version=0.0.4; charset=utf-8";
      }
      static get OPENMETRICS_CONTENT_TYPE() {
        return "application/openmetrics-text; version=1.0.0; charset=utf-8";
      }
      constructor(regContentType = _Registry.PROMETHEUS_CONTENT_TYPE) {
        this._metrics = {};
        this._collectors = [];
        this._defaultLabels = {};
        if (regContentType !== _Registry.PROMETHEUS_CONTENT_TYPE && regContentType !== _Registry.OPENMETRICS_CONTENT_TYPE) {
          throw new TypeError(`Content type ${regContentType} is unsupported`);
        }
        this._contentType = regContentType;
      }
      getMetricsAsArray() {
        return Object.values(this._metrics);
      }
      async getMetricsAsString(metrics) {
        const metric = typeof metrics.getForPromString === "function" ? await metrics.getForPromString() : await metrics.get();
        const name = escapeString(metric.name);
        const help = `# HELP ${name} ${escapeString(metric.help)}`;
        const type = `# TYPE ${name} ${metric.type}`;
        const values = [help, type];
        const defaultLabels = Object.keys(this._defaultLabels).length > 0 ? this._defaultLabels : null;
        const isOpenMetrics = this.contentType === _Registry.OPENMETRICS_CONTENT_TYPE;
        for (const val of metric.values || []) {
          let { metricName: metricName2 = name, labels = {} } = val;
          const { sharedLabels = {} } = val;
          if (isOpenMetrics && metric.type === "counter") {
            metricName2 = `${metricName2}_total`;
          }
          if (defaultLabels) {
            labels = { ...labels, ...defaultLabels, ...labels };
          }
          const formattedLabels = formatLabels(labels, sharedLabels);
          const flattenedShared = flattenSharedLabels(sharedLabels);
          const labelParts = [...formattedLabels, flattenedShared].filter(Boolean);
          const labelsString = labelParts.length ? `{${labelParts.join(",")}}` : "";
          let fullMetricLine = `${metricName2}${labelsString} ${getValueAsString(
            val.value
          )}`;
          const { exemplar } = val;
          if (exemplar && isOpenMetrics) {
            const formattedExemplars = formatLabels(exemplar.labelSet);
            fullMetricLine += ` # {${formattedExemplars.join(
              ","
            )}} ${getValueAsString(exemplar.value)} ${exemplar.timestamp}`;
          }
          values.push(fullMetricLine);
        }
        return values.join("\n");
      }
      async metrics() {
        const isOpenMetrics = this.contentType === _Registry.OPENMETRICS_CONTENT_TYPE;
        const promises = this.getMetricsAsArray().map((metric) => {
          if (isOpenMetrics && metric.type === "counter") {
            metric.name = standardizeCounterName(metric.name);
          }
          return this.getMetricsAsString(metric);
        });
        const resolves = await Promise.all(promises);
        return isOpenMetrics ? `${resolves.join("\n")}
# EOF
` : `${resolves.join("\n\n")}
`;
      }
      registerMetric(metric) {
        if (this._metrics[metric.name] && this._metrics[metric.name] !== metric) {
          throw new Error(
            `A metric with the name ${metric.name} has already been registered.`
          );
        }
        this._metrics[metric.name] = metric;
      }
      clear() {
        this._metrics = {};
        this._defaultLabels = {};
      }
      async getMetricsAsJSON() {
        const metrics = [];
        const defaultLabelNames = Object.keys(this._defaultLabels);
        const promises = [];
        for (const metric of this.getMetricsAsArray()) {
          promises.push(metric.get());
        }
        const resolves = await Promise.all(promises);
        for (const item of resolves) {
          if (item.values && defaultLabelNames.length > 0) {
            for (const val of item.values) {
              val.labels = Object.assign({}, val.labels);
              for (const labelName of defaultLabelNames) {
                val.labels[labelName] = val.labels[labelName] || this._defaultLabels[labelName];
              }
            }
          }
          metrics.push(item);
        }
        return metrics;
      }
      removeSingleMetric(name) {
        delete this._metrics[name];
      }
      getSingleMetricAsString(name) {
        return this.getMetricsAsString(this._metrics[name]);
      }
      getSingleMetric(name) {
        return this._metrics[name];
      }
      setDefaultLabels(labels) {
        this._defaultLabels = labels;
      }
      resetMetrics() {
        for (const metric in this._metrics) {
          this._metrics[metric].reset();
        }
      }
      get contentType() {
        return this._contentType;
      }
      setContentType(metricsContentType) {
        if (metricsContentType === _Registry.OPENMETRICS_CONTENT_TYPE || metricsContentType === _Registry.PROMETHEUS_CONTENT_TYPE) {
          this._contentType = metricsContentType;
        } else {
          throw new Error(`Content type ${metricsContentType} is unsupported`);
        }
      }
      static merge(registers) {
        const regType = registers[0].contentType;
        for (const reg of registers) {
          if (reg.contentType !== regType) {
            throw new Error(
              "Registers can only be merged if they have the same content type"
            );
          }
        }
        const mergedRegistry = new _Registry(regType);
        const metricsToMerge = registers.reduce(
          (acc, reg) => acc.concat(reg.getMetricsAsArray()),
          []
        );
        metricsToMerge.forEach(mergedRegistry.registerMetric, mergedRegistry);
        return mergedRegistry;
      }
    };
    function formatLabels(labels, exclude) {
      const { hasOwnProperty } = Object.prototype;
      const formatted = [];
      for (const [name, value] of Object.entries(labels)) {
        if (!exclude || !hasOwnProperty.call(exclude, name)) {
          formatted.push(`${name}="${escapeLabelValue(value)}"`);
        }
      }
      return formatted;
    }
    var sharedLabelCache = /* @__PURE__ */ new WeakMap();
    function flattenSharedLabels(labels) {
      const cached = sharedLabelCache.get(labels);
      if (cached) {
        return cached;
      }
      const formattedLabels = formatLabels(labels);
      const flattened = formattedLabels.join(",");
      sharedLabelCache.set(labels, flattened);
      return flattened;
    }
    function escapeLabelValue(str) {
      if (typeof str !== "string") {
        return str;
      }
      return escapeString(str).replace(/"/g, '\\"');
    }
    function escapeString(str) {
      return str.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
    }
    function standardizeCounterName(name) {
      return name.replace(/_total$/, "");
    }
    module.exports = Registry2;
    module.exports.globalRegistry = new Registry2();
  }
});

// node_modules/prom-client/lib/validation.js
var require_validation = __commonJS({
  "node_modules/prom-client/lib/validation.js"(exports) {
    "use strict";
    var util = __require("util");
    var metricRegexp = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
    var labelRegexp = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
    exports.validateMetricName = function(name) {
      return metricRegexp.test(name);
    };
    exports.validateLabelName = function(names = []) {
      return names.every((name) => labelRegexp.test(name));
    };
    exports.validateLabel = function validateLabel(savedLabels, labels) {
      for (const label in labels) {
        if (!savedLabels.includes(label)) {
          throw new Error(
            `Added label "${label}" is not included in initial labelset: ${util.inspect(
              savedLabels
            )}`
          );
        }
      }
    };
  }
});

// node_modules/prom-client/lib/metric.js
var require_metric = __commonJS({
  "node_modules/prom-client/lib/metric.js"(exports, module) {
    "use strict";
    var Registry2 = require_registry();
    var { isObject: isObject2 } = require_util();
    var { validateMetricName, validateLabelName } = require_validation();
    var Metric = class {
      constructor(config, defaults = {}) {
        if (!isObject2(config)) {
          throw new TypeError("constructor expected a config object");
        }
        Object.assign(
          this,
          {
            labelNames: [],
            registers: [Registry2.globalRegistry],
            aggregator: "sum",
            enableExemplars: false
          },
          defaults,
          config
        );
        if (!this.registers) {
          this.registers = [Registry2.globalRegistry];
        }
        if (!this.help) {
          throw new Error("Missing mandatory help parameter");
        }
        if (!this.name) {
          throw new Error("Missing mandatory name parameter");
        }
        if (!validateMetricName(this.name)) {
          throw new Error("Invalid metric name");
        }
        if (!validateLabelName(this.labelNames)) {
          throw new Error("Invalid label name");
        }
        if (this.collect && typeof this.collect !== "function") {
          throw new Error('Optional "collect" parameter must be a function');
        }
        if (this.labelNames) {
          this.sortedLabelNames = [...this.labelNames].sort();
        } else {
          this.sortedLabelNames = [];
        }
        this.reset();
        for (const register of this.registers) {
          if (this.enableExemplars && register.contentType === Registry2.PROMETHEUS_CONTENT_TYPE) {
            throw new TypeError(
              "Exemplars are supported only on OpenMetrics registries"
            );
          }
          register.registerMetric(this);
        }
      }
      reset() {
      }
    };
    module.exports = { Metric };
  }
});

// node_modules/prom-client/lib/exemplar.js
var require_exemplar = __commonJS({
  "node_modules/prom-client/lib/exemplar.js"(exports, module) {
    "use strict";
    var Exemplar = class {
      constructor(labelSet = {}, value = null) {
        this.labelSet = labelSet;
        this.value = value;
      }
      /**
       * Validation for the label set format.
       * https://github.com/OpenObservability/OpenMetrics/blob/d99b705f611b75fec8f450b05e344e02eea6921d/specification/OpenMetrics.md#exemplars
       *
       * @param {object} labelSet - Exemplar labels.
       * @throws {RangeError}
       * @return {void}
       */
      validateExemplarLabelSet(labelSet) {
        let res = "";
        for (const [labelName, labelValue] of Object.entries(labelSet)) {
          res += `${labelName}${labelValue}`;
        }
        if (res.length > 128) {
          throw new RangeError(
            "Label set size must be smaller than 128 UTF-8 chars"
          );
        }
      }
    };
    module.exports = Exemplar;
  }
});

// node_modules/prom-client/lib/counter.js
var require_counter = __commonJS({
  "node_modules/prom-client/lib/counter.js"(exports, module) {
    "use strict";
    var util = __require("util");
    var {
      hashObject,
      isObject: isObject2,
      getLabels,
      removeLabels,
      nowTimestamp
    } = require_util();
    var { validateLabel } = require_validation();
    var { Metric } = require_metric();
    var Exemplar = require_exemplar();
    var Counter5 = class extends Metric {
      constructor(config) {
        super(config);
        this.type = "counter";
        this.defaultLabels = {};
        this.defaultValue = 1;
        this.defaultExemplarLabelSet = {};
        if (config.enableExemplars) {
          this.enableExemplars = true;
          this.inc = this.incWithExemplar;
        } else {
          this.inc = this.incWithoutExemplar;
        }
      }
      /**
       * Increment counter
       * @param {object} labels - What label you want to be incremented
       * @param {Number} value - Value to increment, if omitted increment with 1
       * @returns {object} results - object with information about the inc operation
       * @returns {string} results.labelHash - hash representation of the labels
       */
      incWithoutExemplar(labels, value) {
        let hash = "";
        if (isObject2(labels)) {
          hash = hashObject(labels, this.sortedLabelNames);
          validateLabel(this.labelNames, labels);
        } else {
          value = labels;
          labels = {};
        }
        if (value && !Number.isFinite(value)) {
          throw new TypeError(`Value is not a valid number: ${util.format(value)}`);
        }
        if (value < 0) {
          throw new Error("It is not possible to decrease a counter");
        }
        if (value === null || value === void 0) value = 1;
        setValue(this.hashMap, value, labels, hash);
        return { labelHash: hash };
      }
      /**
       * Increment counter with exemplar, same as inc but accepts labels for an
       * exemplar.
       * If no label is provided the current exemplar labels are kept unchanged
       * (defaults to empty set).
       *
       * @param {object} incOpts - Object with options about what metric to increase
       * @param {object} incOpts.labels - What label you want to be incremented,
       *                                  defaults to null (metric with no labels)
       * @param {Number} incOpts.value - Value to increment, defaults to 1
       * @param {object} incOpts.exemplarLabels - Key-value  labels for the
       *                                          exemplar, defaults to empty set {}
       * @returns {void}
       */
      incWithExemplar({
        labels = this.defaultLabels,
        value = this.defaultValue,
        exemplarLabels = this.defaultExemplarLabelSet
      } = {}) {
        const res = this.incWithoutExemplar(labels, value);
        this.updateExemplar(exemplarLabels, value, res.labelHash);
      }
      updateExemplar(exemplarLabels, value, hash) {
        if (exemplarLabels === this.defaultExemplarLabelSet) return;
        if (!isObject2(this.hashMap[hash].exemplar)) {
          this.hashMap[hash].exemplar = new Exemplar();
        }
        this.hashMap[hash].exemplar.validateExemplarLabelSet(exemplarLabels);
        this.hashMap[hash].exemplar.labelSet = exemplarLabels;
        this.hashMap[hash].exemplar.value = value ? value : 1;
        this.hashMap[hash].exemplar.timestamp = nowTimestamp();
      }
      /**
       * Reset counter
       * @returns {void}
       */
      reset() {
        this.hashMap = {};
        if (this.labelNames.length === 0) {
          setValue(this.hashMap, 0);
        }
      }
      async get() {
        if (this.collect) {
          const v = this.collect();
          if (v instanceof Promise) await v;
        }
        return {
          help: this.help,
          name: this.name,
          type: this.type,
          values: Object.values(this.hashMap),
          aggregator: this.aggregator
        };
      }
      labels(...args) {
        const labels = getLabels(this.labelNames, args) || {};
        return {
          inc: this.inc.bind(this, labels)
        };
      }
      remove(...args) {
        const labels = getLabels(this.labelNames, args) || {};
        validateLabel(this.labelNames, labels);
        return removeLabels.call(this, this.hashMap, labels, this.sortedLabelNames);
      }
    };
    function setValue(hashMap, value, labels = {}, hash = "") {
      if (hashMap[hash]) {
        hashMap[hash].value += value;
      } else {
        hashMap[hash] = { value, labels };
      }
      return hashMap;
    }
    module.exports = Counter5;
  }
});

// node_modules/prom-client/lib/gauge.js
var require_gauge = __commonJS({
  "node_modules/prom-client/lib/gauge.js"(exports, module) {
    "use strict";
    var util = __require("util");
    var {
      setValue,
      setValueDelta,
      getLabels,
      hashObject,
      isObject: isObject2,
      removeLabels
    } = require_util();
    var { validateLabel } = require_validation();
    var { Metric } = require_metric();
    var Gauge6 = class extends Metric {
      constructor(config) {
        super(config);
        this.type = "gauge";
      }
      /**
       * Set a gauge to a value
       * @param {object} labels - Object with labels and their values
       * @param {Number} value - Value to set the gauge to, must be positive
       * @returns {void}
       */
      set(labels, value) {
        value = getValueArg(labels, value);
        labels = getLabelArg(labels);
        set(this, labels, value);
      }
      /**
       * Reset gauge
       * @returns {void}
       */
      reset() {
        this.hashMap = {};
        if (this.labelNames.length === 0) {
          setValue(this.hashMap, 0, {});
        }
      }
      /**
       * Increment a gauge value
       * @param {object} labels - Object with labels where key is the label key and value is label value. Can only be one level deep
       * @param {Number} value - Value to increment - if omitted, increment with 1
       * @returns {void}
       */
      inc(labels, value) {
        value = getValueArg(labels, value);
        labels = getLabelArg(labels);
        if (value === void 0) value = 1;
        setDelta(this, labels, value);
      }
      /**
       * Decrement a gauge value
       * @param {object} labels - Object with labels where key is the label key and value is label value. Can only be one level deep
       * @param {Number} value - Value to decrement - if omitted, decrement with 1
       * @returns {void}
       */
      dec(labels, value) {
        value = getValueArg(labels, value);
        labels = getLabelArg(labels);
        if (value === void 0) value = 1;
        setDelta(this, labels, -value);
      }
      /**
       * Set the gauge to current unix epoch
       * @param {object} labels - Object with labels where key is the label key and value is label value. Can only be one level deep
       * @returns {void}
       */
      setToCurrentTime(labels) {
        const now = Date.now() / 1e3;
        if (labels === void 0) {
          this.set(now);
        } else {
          this.set(labels, now);
        }
      }
      /**
       * Start a timer
       * @param {object} labels - Object with labels where key is the label key and value is label value. Can only be one level deep
       * @returns {function} - Invoke this function to set the duration in seconds since you started the timer.
       * @example
       * var done = gauge.startTimer();
       * makeXHRRequest(function(err, response) {
       *	done(); //Duration of the request will be saved
       * });
       */
      startTimer(labels) {
        const start = process.hrtime();
        return (endLabels) => {
          const delta = process.hrtime(start);
          const value = delta[0] + delta[1] / 1e9;
          this.set(Object.assign({}, labels, endLabels), value);
          return value;
        };
      }
      async get() {
        if (this.collect) {
          const v = this.collect();
          if (v instanceof Promise) await v;
        }
        return {
          help: this.help,
          name: this.name,
          type: this.type,
          values: Object.values(this.hashMap),
          aggregator: this.aggregator
        };
      }
      _getValue(labels) {
        const hash = hashObject(labels || {}, this.sortedLabelNames);
        return this.hashMap[hash] ? this.hashMap[hash].value : 0;
      }
      labels(...args) {
        const labels = getLabels(this.labelNames, args);
        validateLabel(this.labelNames, labels);
        return {
          inc: this.inc.bind(this, labels),
          dec: this.dec.bind(this, labels),
          set: this.set.bind(this, labels),
          setToCurrentTime: this.setToCurrentTime.bind(this, labels),
          startTimer: this.startTimer.bind(this, labels)
        };
      }
      remove(...args) {
        const labels = getLabels(this.labelNames, args);
        validateLabel(this.labelNames, labels);
        removeLabels.call(this, this.hashMap, labels, this.sortedLabelNames);
      }
    };
    function set(gauge, labels, value) {
      if (typeof value !== "number") {
        throw new TypeError(`Value is not a valid number: ${util.format(value)}`);
      }
      validateLabel(gauge.labelNames, labels);
      setValue(gauge.hashMap, value, labels);
    }
    function setDelta(gauge, labels, delta) {
      if (typeof delta !== "number") {
        throw new TypeError(`Delta is not a valid number: ${util.format(delta)}`);
      }
      validateLabel(gauge.labelNames, labels);
      const hash = hashObject(labels, gauge.sortedLabelNames);
      setValueDelta(gauge.hashMap, delta, labels, hash);
    }
    function getLabelArg(labels) {
      return isObject2(labels) ? labels : {};
    }
    function getValueArg(labels, value) {
      return isObject2(labels) ? value : labels;
    }
    module.exports = Gauge6;
  }
});

// node_modules/prom-client/lib/histogram.js
var require_histogram = __commonJS({
  "node_modules/prom-client/lib/histogram.js"(exports, module) {
    "use strict";
    var util = __require("util");
    var {
      getLabels,
      hashObject,
      isObject: isObject2,
      removeLabels,
      nowTimestamp
    } = require_util();
    var { validateLabel } = require_validation();
    var { Metric } = require_metric();
    var Exemplar = require_exemplar();
    var Histogram5 = class extends Metric {
      constructor(config) {
        super(config, {
          buckets: [5e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
        });
        this.type = "histogram";
        this.defaultLabels = {};
        this.defaultExemplarLabelSet = {};
        this.enableExemplars = false;
        for (const label of this.labelNames) {
          if (label === "le") {
            throw new Error("le is a reserved label keyword");
          }
        }
        this.upperBounds = this.buckets;
        this.bucketValues = this.upperBounds.reduce((acc, upperBound) => {
          acc[upperBound] = 0;
          return acc;
        }, {});
        if (config.enableExemplars) {
          this.enableExemplars = true;
          this.bucketExemplars = this.upperBounds.reduce((acc, upperBound) => {
            acc[upperBound] = null;
            return acc;
          }, {});
          Object.freeze(this.bucketExemplars);
          this.observe = this.observeWithExemplar;
        } else {
          this.observe = this.observeWithoutExemplar;
        }
        Object.freeze(this.bucketValues);
        Object.freeze(this.upperBounds);
        if (this.labelNames.length === 0) {
          this.hashMap = {
            [hashObject({})]: createBaseValues(
              {},
              this.bucketValues,
              this.bucketExemplars
            )
          };
        }
      }
      /**
       * Observe a value in histogram
       * @param {object} labels - Object with labels where key is the label key and value is label value. Can only be one level deep
       * @param {Number} value - Value to observe in the histogram
       * @returns {void}
       */
      observeWithoutExemplar(labels, value) {
        observe.call(this, labels === 0 ? 0 : labels || {})(value);
      }
      observeWithExemplar({
        labels = this.defaultLabels,
        value,
        exemplarLabels = this.defaultExemplarLabelSet
      } = {}) {
        observe.call(this, labels === 0 ? 0 : labels || {})(value);
        this.updateExemplar(labels, value, exemplarLabels);
      }
      updateExemplar(labels, value, exemplarLabels) {
        if (Object.keys(exemplarLabels).length === 0) return;
        const hash = hashObject(labels, this.sortedLabelNames);
        const bound = findBound(this.upperBounds, value);
        const { bucketExemplars } = this.hashMap[hash];
        let exemplar = bucketExemplars[bound];
        if (!isObject2(exemplar)) {
          exemplar = new Exemplar();
          bucketExemplars[bound] = exemplar;
        }
        exemplar.validateExemplarLabelSet(exemplarLabels);
        exemplar.labelSet = exemplarLabels;
        exemplar.value = value;
        exemplar.timestamp = nowTimestamp();
      }
      async get() {
        const data = await this.getForPromString();
        data.values = data.values.map(splayLabels);
        return data;
      }
      async getForPromString() {
        if (this.collect) {
          const v = this.collect();
          if (v instanceof Promise) await v;
        }
        const data = Object.values(this.hashMap);
        const values = data.map(extractBucketValuesForExport(this)).reduce(addSumAndCountForExport(this), []);
        return {
          name: this.name,
          help: this.help,
          type: this.type,
          values,
          aggregator: this.aggregator
        };
      }
      reset() {
        this.hashMap = {};
      }
      /**
       * Initialize the metrics for the given combination of labels to zero
       * @param {object} labels - Object with labels where key is the label key and value is label value. Can only be one level deep
       * @returns {void}
       */
      zero(labels) {
        const hash = hashObject(labels, this.sortedLabelNames);
        this.hashMap[hash] = createBaseValues(
          labels,
          this.bucketValues,
          this.bucketExemplars
        );
      }
      /**
       * Start a timer that could be used to logging durations
       * @param {object} labels - Object with labels where key is the label key and value is label value. Can only be one level deep
       * @param {object} exemplarLabels - Object with labels for exemplar where key is the label key and value is label value. Can only be one level deep
       * @returns {function} - Function to invoke when you want to stop the timer and observe the duration in seconds
       * @example
       * var end = histogram.startTimer();
       * makeExpensiveXHRRequest(function(err, res) {
       * 	const duration = end(); //Observe the duration of expensiveXHRRequest and returns duration in seconds
       * 	console.log('Duration', duration);
       * });
       */
      startTimer(labels, exemplarLabels) {
        return this.enableExemplars ? startTimerWithExemplar.call(this, labels, exemplarLabels)() : startTimer.call(this, labels)();
      }
      labels(...args) {
        const labels = getLabels(this.labelNames, args);
        validateLabel(this.labelNames, labels);
        return {
          observe: observe.call(this, labels),
          startTimer: startTimer.call(this, labels)
        };
      }
      remove(...args) {
        const labels = getLabels(this.labelNames, args);
        validateLabel(this.labelNames, labels);
        removeLabels.call(this, this.hashMap, labels, this.sortedLabelNames);
      }
    };
    function startTimer(startLabels) {
      return () => {
        const start = process.hrtime();
        return (endLabels) => {
          const delta = process.hrtime(start);
          const value = delta[0] + delta[1] / 1e9;
          this.observe(Object.assign({}, startLabels, endLabels), value);
          return value;
        };
      };
    }
    function startTimerWithExemplar(startLabels, startExemplarLabels) {
      return () => {
        const start = process.hrtime();
        return (endLabels, endExemplarLabels) => {
          const delta = process.hrtime(start);
          const value = delta[0] + delta[1] / 1e9;
          this.observe({
            labels: Object.assign({}, startLabels, endLabels),
            value,
            exemplarLabels: Object.assign(
              {},
              startExemplarLabels,
              endExemplarLabels
            )
          });
          return value;
        };
      };
    }
    function setValuePair(labels, value, metricName2, exemplar, sharedLabels = {}) {
      return {
        labels,
        sharedLabels,
        value,
        metricName: metricName2,
        exemplar
      };
    }
    function findBound(upperBounds, value) {
      for (let i = 0; i < upperBounds.length; i++) {
        const bound = upperBounds[i];
        if (value <= bound) {
          return bound;
        }
      }
      return -1;
    }
    function observe(labels) {
      return (value) => {
        const labelValuePair = convertLabelsAndValues(labels, value);
        validateLabel(this.labelNames, labelValuePair.labels);
        if (!Number.isFinite(labelValuePair.value)) {
          throw new TypeError(
            `Value is not a valid number: ${util.format(labelValuePair.value)}`
          );
        }
        const hash = hashObject(labelValuePair.labels, this.sortedLabelNames);
        let valueFromMap = this.hashMap[hash];
        if (!valueFromMap) {
          valueFromMap = createBaseValues(
            labelValuePair.labels,
            this.bucketValues,
            this.bucketExemplars
          );
        }
        const b = findBound(this.upperBounds, labelValuePair.value);
        valueFromMap.sum += labelValuePair.value;
        valueFromMap.count += 1;
        if (Object.prototype.hasOwnProperty.call(valueFromMap.bucketValues, b)) {
          valueFromMap.bucketValues[b] += 1;
        }
        this.hashMap[hash] = valueFromMap;
      };
    }
    function createBaseValues(labels, bucketValues, bucketExemplars) {
      const result = {
        labels,
        bucketValues: { ...bucketValues },
        sum: 0,
        count: 0
      };
      if (bucketExemplars) {
        result.bucketExemplars = { ...bucketExemplars };
      }
      return result;
    }
    function convertLabelsAndValues(labels, value) {
      return isObject2(labels) ? {
        labels,
        value
      } : {
        value: labels,
        labels: {}
      };
    }
    function extractBucketValuesForExport(histogram) {
      const name = `${histogram.name}_bucket`;
      return (bucketData) => {
        let acc = 0;
        const buckets = histogram.upperBounds.map((upperBound) => {
          acc += bucketData.bucketValues[upperBound];
          return setValuePair(
            { le: upperBound },
            acc,
            name,
            bucketData.bucketExemplars ? bucketData.bucketExemplars[upperBound] : null,
            bucketData.labels
          );
        });
        return { buckets, data: bucketData };
      };
    }
    function addSumAndCountForExport(histogram) {
      return (acc, d) => {
        acc.push(...d.buckets);
        const infLabel = { le: "+Inf" };
        acc.push(
          setValuePair(
            infLabel,
            d.data.count,
            `${histogram.name}_bucket`,
            d.data.bucketExemplars ? d.data.bucketExemplars["-1"] : null,
            d.data.labels
          ),
          setValuePair(
            {},
            d.data.sum,
            `${histogram.name}_sum`,
            void 0,
            d.data.labels
          ),
          setValuePair(
            {},
            d.data.count,
            `${histogram.name}_count`,
            void 0,
            d.data.labels
          )
        );
        return acc;
      };
    }
    function splayLabels(bucket) {
      const { sharedLabels, labels, ...newBucket } = bucket;
      for (const label of Object.keys(sharedLabels)) {
        labels[label] = sharedLabels[label];
      }
      newBucket.labels = labels;
      return newBucket;
    }
    module.exports = Histogram5;
  }
});

// node_modules/bintrees/lib/treebase.js
var require_treebase = __commonJS({
  "node_modules/bintrees/lib/treebase.js"(exports, module) {
    function TreeBase() {
    }
    TreeBase.prototype.clear = function() {
      this._root = null;
      this.size = 0;
    };
    TreeBase.prototype.find = function(data) {
      var res = this._root;
      while (res !== null) {
        var c = this._comparator(data, res.data);
        if (c === 0) {
          return res.data;
        } else {
          res = res.get_child(c > 0);
        }
      }
      return null;
    };
    TreeBase.prototype.findIter = function(data) {
      var res = this._root;
      var iter = this.iterator();
      while (res !== null) {
        var c = this._comparator(data, res.data);
        if (c === 0) {
          iter._cursor = res;
          return iter;
        } else {
          iter._ancestors.push(res);
          res = res.get_child(c > 0);
        }
      }
      return null;
    };
    TreeBase.prototype.lowerBound = function(item) {
      var cur = this._root;
      var iter = this.iterator();
      var cmp = this._comparator;
      while (cur !== null) {
        var c = cmp(item, cur.data);
        if (c === 0) {
          iter._cursor = cur;
          return iter;
        }
        iter._ancestors.push(cur);
        cur = cur.get_child(c > 0);
      }
      for (var i = iter._ancestors.length - 1; i >= 0; --i) {
        cur = iter._ancestors[i];
        if (cmp(item, cur.data) < 0) {
          iter._cursor = cur;
          iter._ancestors.length = i;
          return iter;
        }
      }
      iter._ancestors.length = 0;
      return iter;
    };
    TreeBase.prototype.upperBound = function(item) {
      var iter = this.lowerBound(item);
      var cmp = this._comparator;
      while (iter.data() !== null && cmp(iter.data(), item) === 0) {
        iter.next();
      }
      return iter;
    };
    TreeBase.prototype.min = function() {
      var res = this._root;
      if (res === null) {
        return null;
      }
      while (res.left !== null) {
        res = res.left;
      }
      return res.data;
    };
    TreeBase.prototype.max = function() {
      var res = this._root;
      if (res === null) {
        return null;
      }
      while (res.right !== null) {
        res = res.right;
      }
      return res.data;
    };
    TreeBase.prototype.iterator = function() {
      return new Iterator(this);
    };
    TreeBase.prototype.each = function(cb) {
      var it = this.iterator(), data;
      while ((data = it.next()) !== null) {
        if (cb(data) === false) {
          return;
        }
      }
    };
    TreeBase.prototype.reach = function(cb) {
      var it = this.iterator(), data;
      while ((data = it.prev()) !== null) {
        if (cb(data) === false) {
          return;
        }
      }
    };
    function Iterator(tree) {
      this._tree = tree;
      this._ancestors = [];
      this._cursor = null;
    }
    Iterator.prototype.data = function() {
      return this._cursor !== null ? this._cursor.data : null;
    };
    Iterator.prototype.next = function() {
      if (this._cursor === null) {
        var root = this._tree._root;
        if (root !== null) {
          this._minNode(root);
        }
      } else {
        if (this._cursor.right === null) {
          var save;
          do {
            save = this._cursor;
            if (this._ancestors.length) {
              this._cursor = this._ancestors.pop();
            } else {
              this._cursor = null;
              break;
            }
          } while (this._cursor.right === save);
        } else {
          this._ancestors.push(this._cursor);
          this._minNode(this._cursor.right);
        }
      }
      return this._cursor !== null ? this._cursor.data : null;
    };
    Iterator.prototype.prev = function() {
      if (this._cursor === null) {
        var root = this._tree._root;
        if (root !== null) {
          this._maxNode(root);
        }
      } else {
        if (this._cursor.left === null) {
          var save;
          do {
            save = this._cursor;
            if (this._ancestors.length) {
              this._cursor = this._ancestors.pop();
            } else {
              this._cursor = null;
              break;
            }
          } while (this._cursor.left === save);
        } else {
          this._ancestors.push(this._cursor);
          this._maxNode(this._cursor.left);
        }
      }
      return this._cursor !== null ? this._cursor.data : null;
    };
    Iterator.prototype._minNode = function(start) {
      while (start.left !== null) {
        this._ancestors.push(start);
        start = start.left;
      }
      this._cursor = start;
    };
    Iterator.prototype._maxNode = function(start) {
      while (start.right !== null) {
        this._ancestors.push(start);
        start = start.right;
      }
      this._cursor = start;
    };
    module.exports = TreeBase;
  }
});

// node_modules/bintrees/lib/rbtree.js
var require_rbtree = __commonJS({
  "node_modules/bintrees/lib/rbtree.js"(exports, module) {
    var TreeBase = require_treebase();
    function Node5(data) {
      this.data = data;
      this.left = null;
      this.right = null;
      this.red = true;
    }
    Node5.prototype.get_child = function(dir) {
      return dir ? this.right : this.left;
    };
    Node5.prototype.set_child = function(dir, val) {
      if (dir) {
        this.right = val;
      } else {
        this.left = val;
      }
    };
    function RBTree(comparator) {
      this._root = null;
      this._comparator = comparator;
      this.size = 0;
    }
    RBTree.prototype = new TreeBase();
    RBTree.prototype.insert = function(data) {
      var ret2 = false;
      if (this._root === null) {
        this._root = new Node5(data);
        ret2 = true;
        this.size++;
      } else {
        var head = new Node5(void 0);
        var dir = 0;
        var last = 0;
        var gp = null;
        var ggp = head;
        var p = null;
        var node = this._root;
        ggp.right = this._root;
        while (true) {
          if (node === null) {
            node = new Node5(data);
            p.set_child(dir, node);
            ret2 = true;
            this.size++;
          } else if (is_red(node.left) && is_red(node.right)) {
            node.red = true;
            node.left.red = false;
            node.right.red = false;
          }
          if (is_red(node) && is_red(p)) {
            var dir2 = ggp.right === gp;
            if (node === p.get_child(last)) {
              ggp.set_child(dir2, single_rotate(gp, !last));
            } else {
              ggp.set_child(dir2, double_rotate(gp, !last));
            }
          }
          var cmp = this._comparator(node.data, data);
          if (cmp === 0) {
            break;
          }
          last = dir;
          dir = cmp < 0;
          if (gp !== null) {
            ggp = gp;
          }
          gp = p;
          p = node;
          node = node.get_child(dir);
        }
        this._root = head.right;
      }
      this._root.red = false;
      return ret2;
    };
    RBTree.prototype.remove = function(data) {
      if (this._root === null) {
        return false;
      }
      var head = new Node5(void 0);
      var node = head;
      node.right = this._root;
      var p = null;
      var gp = null;
      var found = null;
      var dir = 1;
      while (node.get_child(dir) !== null) {
        var last = dir;
        gp = p;
        p = node;
        node = node.get_child(dir);
        var cmp = this._comparator(data, node.data);
        dir = cmp > 0;
        if (cmp === 0) {
          found = node;
        }
        if (!is_red(node) && !is_red(node.get_child(dir))) {
          if (is_red(node.get_child(!dir))) {
            var sr = single_rotate(node, dir);
            p.set_child(last, sr);
            p = sr;
          } else if (!is_red(node.get_child(!dir))) {
            var sibling = p.get_child(!last);
            if (sibling !== null) {
              if (!is_red(sibling.get_child(!last)) && !is_red(sibling.get_child(last))) {
                p.red = false;
                sibling.red = true;
                node.red = true;
              } else {
                var dir2 = gp.right === p;
                if (is_red(sibling.get_child(last))) {
                  gp.set_child(dir2, double_rotate(p, last));
                } else if (is_red(sibling.get_child(!last))) {
                  gp.set_child(dir2, single_rotate(p, last));
                }
                var gpc = gp.get_child(dir2);
                gpc.red = true;
                node.red = true;
                gpc.left.red = false;
                gpc.right.red = false;
              }
            }
          }
        }
      }
      if (found !== null) {
        found.data = node.data;
        p.set_child(p.right === node, node.get_child(node.left === null));
        this.size--;
      }
      this._root = head.right;
      if (this._root !== null) {
        this._root.red = false;
      }
      return found !== null;
    };
    function is_red(node) {
      return node !== null && node.red;
    }
    function single_rotate(root, dir) {
      var save = root.get_child(!dir);
      root.set_child(!dir, save.get_child(dir));
      save.set_child(dir, root);
      root.red = true;
      save.red = false;
      return save;
    }
    function double_rotate(root, dir) {
      root.set_child(!dir, single_rotate(root.get_child(!dir), !dir));
      return single_rotate(root, dir);
    }
    module.exports = RBTree;
  }
});

// node_modules/bintrees/lib/bintree.js
var require_bintree = __commonJS({
  "node_modules/bintrees/lib/bintree.js"(exports, module) {
    var TreeBase = require_treebase();
    function Node5(data) {
      this.data = data;
      this.left = null;
      this.right = null;
    }
    Node5.prototype.get_child = function(dir) {
      return dir ? this.right : this.left;
    };
    Node5.prototype.set_child = function(dir, val) {
      if (dir) {
        this.right = val;
      } else {
        this.left = val;
      }
    };
    function BinTree(comparator) {
      this._root = null;
      this._comparator = comparator;
      this.size = 0;
    }
    BinTree.prototype = new TreeBase();
    BinTree.prototype.insert = function(data) {
      if (this._root === null) {
        this._root = new Node5(data);
        this.size++;
        return true;
      }
      var dir = 0;
      var p = null;
      var node = this._root;
      while (true) {
        if (node === null) {
          node = new Node5(data);
          p.set_child(dir, node);
          ret = true;
          this.size++;
          return true;
        }
        if (this._comparator(node.data, data) === 0) {
          return false;
        }
        dir = this._comparator(node.data, data) < 0;
        p = node;
        node = node.get_child(dir);
      }
    };
    BinTree.prototype.remove = function(data) {
      if (this._root === null) {
        return false;
      }
      var head = new Node5(void 0);
      var node = head;
      node.right = this._root;
      var p = null;
      var found = null;
      var dir = 1;
      while (node.get_child(dir) !== null) {
        p = node;
        node = node.get_child(dir);
        var cmp = this._comparator(data, node.data);
        dir = cmp > 0;
        if (cmp === 0) {
          found = node;
        }
      }
      if (found !== null) {
        found.data = node.data;
        p.set_child(p.right === node, node.get_child(node.left === null));
        this._root = head.right;
        this.size--;
        return true;
      } else {
        return false;
      }
    };
    module.exports = BinTree;
  }
});

// node_modules/bintrees/index.js
var require_bintrees = __commonJS({
  "node_modules/bintrees/index.js"(exports, module) {
    module.exports = {
      RBTree: require_rbtree(),
      BinTree: require_bintree()
    };
  }
});

// node_modules/tdigest/tdigest.js
var require_tdigest = __commonJS({
  "node_modules/tdigest/tdigest.js"(exports, module) {
    var RBTree = require_bintrees().RBTree;
    function TDigest(delta, K, CX) {
      this.discrete = delta === false;
      this.delta = delta || 0.01;
      this.K = K === void 0 ? 25 : K;
      this.CX = CX === void 0 ? 1.1 : CX;
      this.centroids = new RBTree(compare_centroid_means);
      this.nreset = 0;
      this.reset();
    }
    TDigest.prototype.reset = function() {
      this.centroids.clear();
      this.n = 0;
      this.nreset += 1;
      this.last_cumulate = 0;
    };
    TDigest.prototype.size = function() {
      return this.centroids.size;
    };
    TDigest.prototype.toArray = function(everything) {
      var result = [];
      if (everything) {
        this._cumulate(true);
        this.centroids.each(function(c) {
          result.push(c);
        });
      } else {
        this.centroids.each(function(c) {
          result.push({ mean: c.mean, n: c.n });
        });
      }
      return result;
    };
    TDigest.prototype.summary = function() {
      var approx = this.discrete ? "exact " : "approximating ";
      var s = [
        approx + this.n + " samples using " + this.size() + " centroids",
        "min = " + this.percentile(0),
        "Q1  = " + this.percentile(0.25),
        "Q2  = " + this.percentile(0.5),
        "Q3  = " + this.percentile(0.75),
        "max = " + this.percentile(1)
      ];
      return s.join("\n");
    };
    function compare_centroid_means(a, b) {
      return a.mean > b.mean ? 1 : a.mean < b.mean ? -1 : 0;
    }
    function compare_centroid_mean_cumns(a, b) {
      return a.mean_cumn - b.mean_cumn;
    }
    TDigest.prototype.push = function(x, n) {
      n = n || 1;
      x = Array.isArray(x) ? x : [x];
      for (var i = 0; i < x.length; i++) {
        this._digest(x[i], n);
      }
    };
    TDigest.prototype.push_centroid = function(c) {
      c = Array.isArray(c) ? c : [c];
      for (var i = 0; i < c.length; i++) {
        this._digest(c[i].mean, c[i].n);
      }
    };
    TDigest.prototype._cumulate = function(exact) {
      if (this.n === this.last_cumulate || !exact && this.CX && this.CX > this.n / this.last_cumulate) {
        return;
      }
      var cumn = 0;
      this.centroids.each(function(c) {
        c.mean_cumn = cumn + c.n / 2;
        cumn = c.cumn = cumn + c.n;
      });
      this.n = this.last_cumulate = cumn;
    };
    TDigest.prototype.find_nearest = function(x) {
      if (this.size() === 0) {
        return null;
      }
      var iter = this.centroids.lowerBound({ mean: x });
      var c = iter.data() === null ? iter.prev() : iter.data();
      if (c.mean === x || this.discrete) {
        return c;
      }
      var prev = iter.prev();
      if (prev && Math.abs(prev.mean - x) < Math.abs(c.mean - x)) {
        return prev;
      } else {
        return c;
      }
    };
    TDigest.prototype._new_centroid = function(x, n, cumn) {
      var c = { mean: x, n, cumn };
      this.centroids.insert(c);
      this.n += n;
      return c;
    };
    TDigest.prototype._addweight = function(nearest, x, n) {
      if (x !== nearest.mean) {
        nearest.mean += n * (x - nearest.mean) / (nearest.n + n);
      }
      nearest.cumn += n;
      nearest.mean_cumn += n / 2;
      nearest.n += n;
      this.n += n;
    };
    TDigest.prototype._digest = function(x, n) {
      var min = this.centroids.min();
      var max = this.centroids.max();
      var nearest = this.find_nearest(x);
      if (nearest && nearest.mean === x) {
        this._addweight(nearest, x, n);
      } else if (nearest === min) {
        this._new_centroid(x, n, 0);
      } else if (nearest === max) {
        this._new_centroid(x, n, this.n);
      } else if (this.discrete) {
        this._new_centroid(x, n, nearest.cumn);
      } else {
        var p = nearest.mean_cumn / this.n;
        var max_n = Math.floor(4 * this.n * this.delta * p * (1 - p));
        if (max_n - nearest.n >= n) {
          this._addweight(nearest, x, n);
        } else {
          this._new_centroid(x, n, nearest.cumn);
        }
      }
      this._cumulate(false);
      if (!this.discrete && this.K && this.size() > this.K / this.delta) {
        this.compress();
      }
    };
    TDigest.prototype.bound_mean = function(x) {
      var iter = this.centroids.upperBound({ mean: x });
      var lower = iter.prev();
      var upper = lower.mean === x ? lower : iter.next();
      return [lower, upper];
    };
    TDigest.prototype.p_rank = function(x_or_xlist) {
      var xs = Array.isArray(x_or_xlist) ? x_or_xlist : [x_or_xlist];
      var ps = xs.map(this._p_rank, this);
      return Array.isArray(x_or_xlist) ? ps : ps[0];
    };
    TDigest.prototype._p_rank = function(x) {
      if (this.size() === 0) {
        return void 0;
      } else if (x < this.centroids.min().mean) {
        return 0;
      } else if (x > this.centroids.max().mean) {
        return 1;
      }
      this._cumulate(true);
      var bound = this.bound_mean(x);
      var lower = bound[0], upper = bound[1];
      if (this.discrete) {
        return lower.cumn / this.n;
      } else {
        var cumn = lower.mean_cumn;
        if (lower !== upper) {
          cumn += (x - lower.mean) * (upper.mean_cumn - lower.mean_cumn) / (upper.mean - lower.mean);
        }
        return cumn / this.n;
      }
    };
    TDigest.prototype.bound_mean_cumn = function(cumn) {
      this.centroids._comparator = compare_centroid_mean_cumns;
      var iter = this.centroids.upperBound({ mean_cumn: cumn });
      this.centroids._comparator = compare_centroid_means;
      var lower = iter.prev();
      var upper = lower && lower.mean_cumn === cumn ? lower : iter.next();
      return [lower, upper];
    };
    TDigest.prototype.percentile = function(p_or_plist) {
      var ps = Array.isArray(p_or_plist) ? p_or_plist : [p_or_plist];
      var qs = ps.map(this._percentile, this);
      return Array.isArray(p_or_plist) ? qs : qs[0];
    };
    TDigest.prototype._percentile = function(p) {
      if (this.size() === 0) {
        return void 0;
      }
      this._cumulate(true);
      var h = this.n * p;
      var bound = this.bound_mean_cumn(h);
      var lower = bound[0], upper = bound[1];
      if (upper === lower || lower === null || upper === null) {
        return (lower || upper).mean;
      } else if (!this.discrete) {
        return lower.mean + (h - lower.mean_cumn) * (upper.mean - lower.mean) / (upper.mean_cumn - lower.mean_cumn);
      } else if (h <= lower.cumn) {
        return lower.mean;
      } else {
        return upper.mean;
      }
    };
    function pop_random(choices) {
      var idx = Math.floor(Math.random() * choices.length);
      return choices.splice(idx, 1)[0];
    }
    TDigest.prototype.compress = function() {
      if (this.compressing) {
        return;
      }
      var points = this.toArray();
      this.reset();
      this.compressing = true;
      while (points.length > 0) {
        this.push_centroid(pop_random(points));
      }
      this._cumulate(true);
      this.compressing = false;
    };
    function Digest(config) {
      this.config = config || {};
      this.mode = this.config.mode || "auto";
      TDigest.call(this, this.mode === "cont" ? config.delta : false);
      this.digest_ratio = this.config.ratio || 0.9;
      this.digest_thresh = this.config.thresh || 1e3;
      this.n_unique = 0;
    }
    Digest.prototype = Object.create(TDigest.prototype);
    Digest.prototype.constructor = Digest;
    Digest.prototype.push = function(x_or_xlist) {
      TDigest.prototype.push.call(this, x_or_xlist);
      this.check_continuous();
    };
    Digest.prototype._new_centroid = function(x, n, cumn) {
      this.n_unique += 1;
      TDigest.prototype._new_centroid.call(this, x, n, cumn);
    };
    Digest.prototype._addweight = function(nearest, x, n) {
      if (nearest.n === 1) {
        this.n_unique -= 1;
      }
      TDigest.prototype._addweight.call(this, nearest, x, n);
    };
    Digest.prototype.check_continuous = function() {
      if (this.mode !== "auto" || this.size() < this.digest_thresh) {
        return false;
      }
      if (this.n_unique / this.size() > this.digest_ratio) {
        this.mode = "cont";
        this.discrete = false;
        this.delta = this.config.delta || 0.01;
        this.compress();
        return true;
      }
      return false;
    };
    module.exports = {
      "TDigest": TDigest,
      "Digest": Digest
    };
  }
});

// node_modules/prom-client/lib/timeWindowQuantiles.js
var require_timeWindowQuantiles = __commonJS({
  "node_modules/prom-client/lib/timeWindowQuantiles.js"(exports, module) {
    "use strict";
    var { TDigest } = require_tdigest();
    var TimeWindowQuantiles = class {
      constructor(maxAgeSeconds, ageBuckets) {
        this.maxAgeSeconds = maxAgeSeconds || 0;
        this.ageBuckets = ageBuckets || 0;
        this.shouldRotate = maxAgeSeconds && ageBuckets;
        this.ringBuffer = Array(ageBuckets).fill(new TDigest());
        this.currentBuffer = 0;
        this.lastRotateTimestampMillis = Date.now();
        this.durationBetweenRotatesMillis = maxAgeSeconds * 1e3 / ageBuckets || Infinity;
      }
      size() {
        const bucket = rotate.call(this);
        return bucket.size();
      }
      percentile(quantile) {
        const bucket = rotate.call(this);
        return bucket.percentile(quantile);
      }
      push(value) {
        rotate.call(this);
        this.ringBuffer.forEach((bucket) => {
          bucket.push(value);
        });
      }
      reset() {
        this.ringBuffer.forEach((bucket) => {
          bucket.reset();
        });
      }
      compress() {
        this.ringBuffer.forEach((bucket) => {
          bucket.compress();
        });
      }
    };
    function rotate() {
      let timeSinceLastRotateMillis = Date.now() - this.lastRotateTimestampMillis;
      while (timeSinceLastRotateMillis > this.durationBetweenRotatesMillis && this.shouldRotate) {
        this.ringBuffer[this.currentBuffer] = new TDigest();
        if (++this.currentBuffer >= this.ringBuffer.length) {
          this.currentBuffer = 0;
        }
        timeSinceLastRotateMillis -= this.durationBetweenRotatesMillis;
        this.lastRotateTimestampMillis += this.durationBetweenRotatesMillis;
      }
      return this.ringBuffer[this.currentBuffer];
    }
    module.exports = TimeWindowQuantiles;
  }
});

// node_modules/prom-client/lib/summary.js
var require_summary = __commonJS({
  "node_modules/prom-client/lib/summary.js"(exports, module) {
    "use strict";
    var util = __require("util");
    var { getLabels, hashObject, removeLabels } = require_util();
    var { validateLabel } = require_validation();
    var { Metric } = require_metric();
    var timeWindowQuantiles = require_timeWindowQuantiles();
    var DEFAULT_COMPRESS_COUNT = 1e3;
    var Summary = class extends Metric {
      constructor(config) {
        super(config, {
          percentiles: [0.01, 0.05, 0.5, 0.9, 0.95, 0.99, 0.999],
          compressCount: DEFAULT_COMPRESS_COUNT,
          hashMap: {}
        });
        this.type = "summary";
        for (const label of this.labelNames) {
          if (label === "quantile")
            throw new Error("quantile is a reserved label keyword");
        }
        if (this.labelNames.length === 0) {
          this.hashMap = {
            [hashObject({})]: {
              labels: {},
              td: new timeWindowQuantiles(this.maxAgeSeconds, this.ageBuckets),
              count: 0,
              sum: 0
            }
          };
        }
      }
      /**
       * Observe a value
       * @param {object} labels - Object with labels where key is the label key and value is label value. Can only be one level deep
       * @param {Number} value - Value to observe
       * @returns {void}
       */
      observe(labels, value) {
        observe.call(this, labels === 0 ? 0 : labels || {})(value);
      }
      async get() {
        if (this.collect) {
          const v = this.collect();
          if (v instanceof Promise) await v;
        }
        const hashKeys = Object.keys(this.hashMap);
        const values = [];
        hashKeys.forEach((hashKey) => {
          const s = this.hashMap[hashKey];
          if (s) {
            if (this.pruneAgedBuckets && s.td.size() === 0) {
              delete this.hashMap[hashKey];
            } else {
              extractSummariesForExport(s, this.percentiles).forEach((v) => {
                values.push(v);
              });
              values.push(getSumForExport(s, this));
              values.push(getCountForExport(s, this));
            }
          }
        });
        return {
          name: this.name,
          help: this.help,
          type: this.type,
          values,
          aggregator: this.aggregator
        };
      }
      reset() {
        const data = Object.values(this.hashMap);
        data.forEach((s) => {
          s.td.reset();
          s.count = 0;
          s.sum = 0;
        });
      }
      /**
       * Start a timer that could be used to logging durations
       * @param {object} labels - Object with labels where key is the label key and value is label value. Can only be one level deep
       * @returns {function} - Function to invoke when you want to stop the timer and observe the duration in seconds
       * @example
       * var end = summary.startTimer();
       * makeExpensiveXHRRequest(function(err, res) {
       *	end(); //Observe the duration of expensiveXHRRequest
       * });
       */
      startTimer(labels) {
        return startTimer.call(this, labels)();
      }
      labels(...args) {
        const labels = getLabels(this.labelNames, args);
        validateLabel(this.labelNames, labels);
        return {
          observe: observe.call(this, labels),
          startTimer: startTimer.call(this, labels)
        };
      }
      remove(...args) {
        const labels = getLabels(this.labelNames, args);
        validateLabel(this.labelNames, labels);
        removeLabels.call(this, this.hashMap, labels, this.sortedLabelNames);
      }
    };
    function extractSummariesForExport(summaryOfLabels, percentiles) {
      summaryOfLabels.td.compress();
      return percentiles.map((percentile) => {
        const percentileValue = summaryOfLabels.td.percentile(percentile);
        return {
          labels: Object.assign({ quantile: percentile }, summaryOfLabels.labels),
          value: percentileValue ? percentileValue : 0
        };
      });
    }
    function getCountForExport(value, summary) {
      return {
        metricName: `${summary.name}_count`,
        labels: value.labels,
        value: value.count
      };
    }
    function getSumForExport(value, summary) {
      return {
        metricName: `${summary.name}_sum`,
        labels: value.labels,
        value: value.sum
      };
    }
    function startTimer(startLabels) {
      return () => {
        const start = process.hrtime();
        return (endLabels) => {
          const delta = process.hrtime(start);
          const value = delta[0] + delta[1] / 1e9;
          this.observe(Object.assign({}, startLabels, endLabels), value);
          return value;
        };
      };
    }
    function observe(labels) {
      return (value) => {
        const labelValuePair = convertLabelsAndValues(labels, value);
        validateLabel(this.labelNames, labels);
        if (!Number.isFinite(labelValuePair.value)) {
          throw new TypeError(
            `Value is not a valid number: ${util.format(labelValuePair.value)}`
          );
        }
        const hash = hashObject(labelValuePair.labels, this.sortedLabelNames);
        let summaryOfLabel = this.hashMap[hash];
        if (!summaryOfLabel) {
          summaryOfLabel = {
            labels: labelValuePair.labels,
            td: new timeWindowQuantiles(this.maxAgeSeconds, this.ageBuckets),
            count: 0,
            sum: 0
          };
        }
        summaryOfLabel.td.push(labelValuePair.value);
        summaryOfLabel.count++;
        if (summaryOfLabel.count % this.compressCount === 0) {
          summaryOfLabel.td.compress();
        }
        summaryOfLabel.sum += labelValuePair.value;
        this.hashMap[hash] = summaryOfLabel;
      };
    }
    function convertLabelsAndValues(labels, value) {
      if (value === void 0) {
        return {
          value: labels,
          labels: {}
        };
      }
      return {
        labels,
        value
      };
    }
    module.exports = Summary;
  }
});

// node_modules/prom-client/lib/pushgateway.js
var require_pushgateway = __commonJS({
  "node_modules/prom-client/lib/pushgateway.js"(exports, module) {
    "use strict";
    var url = __require("url");
    var http3 = __require("http");
    var https = __require("https");
    var { gzipSync } = __require("zlib");
    var { globalRegistry } = require_registry();
    var Pushgateway = class {
      constructor(gatewayUrl, options, registry) {
        if (!registry) {
          registry = globalRegistry;
        }
        this.registry = registry;
        this.gatewayUrl = gatewayUrl;
        const { requireJobName, ...requestOptions } = {
          requireJobName: true,
          ...options
        };
        this.requireJobName = requireJobName;
        this.requestOptions = requestOptions;
      }
      pushAdd(params = {}) {
        if (this.requireJobName && !params.jobName) {
          throw new Error("Missing jobName parameter");
        }
        return useGateway.call(this, "POST", params.jobName, params.groupings);
      }
      push(params = {}) {
        if (this.requireJobName && !params.jobName) {
          throw new Error("Missing jobName parameter");
        }
        return useGateway.call(this, "PUT", params.jobName, params.groupings);
      }
      delete(params = {}) {
        if (this.requireJobName && !params.jobName) {
          throw new Error("Missing jobName parameter");
        }
        return useGateway.call(this, "DELETE", params.jobName, params.groupings);
      }
    };
    async function useGateway(method, job, groupings) {
      const gatewayUrlParsed = url.parse(this.gatewayUrl);
      const gatewayUrlPath = gatewayUrlParsed.pathname && gatewayUrlParsed.pathname !== "/" ? gatewayUrlParsed.pathname : "";
      const jobPath = job ? `/job/${encodeURIComponent(job)}${generateGroupings(groupings)}` : "";
      const path = `${gatewayUrlPath}/metrics${jobPath}`;
      const target = url.resolve(this.gatewayUrl, path);
      const requestParams = url.parse(target);
      const httpModule = isHttps(requestParams.href) ? https : http3;
      const options = Object.assign(requestParams, this.requestOptions, {
        method
      });
      return new Promise((resolve, reject) => {
        if (method === "DELETE" && options.headers) {
          delete options.headers["Content-Encoding"];
        }
        const req = httpModule.request(options, (resp) => {
          let body = "";
          resp.setEncoding("utf8");
          resp.on("data", (chunk) => {
            body += chunk;
          });
          resp.on("end", () => {
            if (resp.statusCode >= 400) {
              reject(
                new Error(`push failed with status ${resp.statusCode}, ${body}`)
              );
            } else {
              resolve({ resp, body });
            }
          });
        });
        req.on("error", (err) => {
          reject(err);
        });
        req.on("timeout", () => {
          req.destroy(new Error("Pushgateway request timed out"));
        });
        if (method !== "DELETE") {
          this.registry.metrics().then((metrics) => {
            if (options.headers && options.headers["Content-Encoding"] === "gzip") {
              metrics = gzipSync(metrics);
            }
            req.write(metrics);
            req.end();
          }).catch((err) => {
            reject(err);
          });
        } else {
          req.end();
        }
      });
    }
    function generateGroupings(groupings) {
      if (!groupings) {
        return "";
      }
      return Object.keys(groupings).map(
        (key) => `/${encodeURIComponent(key)}/${encodeURIComponent(groupings[key])}`
      ).join("");
    }
    function isHttps(href) {
      return href.search(/^https/) !== -1;
    }
    module.exports = Pushgateway;
  }
});

// node_modules/prom-client/lib/bucketGenerators.js
var require_bucketGenerators = __commonJS({
  "node_modules/prom-client/lib/bucketGenerators.js"(exports) {
    "use strict";
    exports.linearBuckets = (start, width, count2) => {
      if (count2 < 1) {
        throw new Error("Linear buckets needs a positive count");
      }
      const buckets = new Array(count2);
      for (let i = 0; i < count2; i++) {
        buckets[i] = start + i * width;
      }
      return buckets;
    };
    exports.exponentialBuckets = (start, factor, count2) => {
      if (start <= 0) {
        throw new Error("Exponential buckets needs a positive start");
      }
      if (count2 < 1) {
        throw new Error("Exponential buckets needs a positive count");
      }
      if (factor <= 1) {
        throw new Error("Exponential buckets needs a factor greater than 1");
      }
      const buckets = new Array(count2);
      for (let i = 0; i < count2; i++) {
        buckets[i] = start;
        start *= factor;
      }
      return buckets;
    };
  }
});

// node_modules/@opentelemetry/api/dist/diag/types.cjs
var require_types = __commonJS({
  "node_modules/@opentelemetry/api/dist/diag/types.cjs"(exports) {
    var DiagLogLevel = /* @__PURE__ */ (function(DiagLogLevel2) {
      DiagLogLevel2[DiagLogLevel2["NONE"] = 0] = "NONE";
      DiagLogLevel2[DiagLogLevel2["ERROR"] = 30] = "ERROR";
      DiagLogLevel2[DiagLogLevel2["WARN"] = 50] = "WARN";
      DiagLogLevel2[DiagLogLevel2["INFO"] = 60] = "INFO";
      DiagLogLevel2[DiagLogLevel2["DEBUG"] = 70] = "DEBUG";
      DiagLogLevel2[DiagLogLevel2["VERBOSE"] = 80] = "VERBOSE";
      DiagLogLevel2[DiagLogLevel2["ALL"] = 9999] = "ALL";
      return DiagLogLevel2;
    })({});
    exports.DiagLogLevel = DiagLogLevel;
  }
});

// node_modules/@opentelemetry/api/dist/version.cjs
var require_version = __commonJS({
  "node_modules/@opentelemetry/api/dist/version.cjs"(exports) {
    var VERSION = "1.10.0";
    exports.VERSION = VERSION;
  }
});

// node_modules/@opentelemetry/api/dist/internal/semver.cjs
var require_semver = __commonJS({
  "node_modules/@opentelemetry/api/dist/internal/semver.cjs"(exports) {
    var require_version3 = require_version();
    var re = /^(\d+)\.(\d+)\.(\d+)(-(.+))?$/;
    function _makeCompatibilityCheck(ownVersion) {
      const acceptedVersions = /* @__PURE__ */ new Set([ownVersion]);
      const rejectedVersions = /* @__PURE__ */ new Set();
      const myVersionMatch = ownVersion.match(re);
      if (!myVersionMatch) return () => false;
      const ownVersionParsed = {
        major: +myVersionMatch[1],
        minor: +myVersionMatch[2],
        patch: +myVersionMatch[3],
        prerelease: myVersionMatch[4]
      };
      if (ownVersionParsed.prerelease != null) return function isExactmatch(globalVersion) {
        return globalVersion === ownVersion;
      };
      function _reject(v) {
        rejectedVersions.add(v);
        return false;
      }
      function _accept(v) {
        acceptedVersions.add(v);
        return true;
      }
      return function isCompatible2(globalVersion) {
        if (acceptedVersions.has(globalVersion)) return true;
        if (rejectedVersions.has(globalVersion)) return false;
        const globalVersionMatch = globalVersion.match(re);
        if (!globalVersionMatch) return _reject(globalVersion);
        const globalVersionParsed = {
          major: +globalVersionMatch[1],
          minor: +globalVersionMatch[2],
          patch: +globalVersionMatch[3],
          prerelease: globalVersionMatch[4]
        };
        if (globalVersionParsed.prerelease != null) return _reject(globalVersion);
        if (ownVersionParsed.major !== globalVersionParsed.major) return _reject(globalVersion);
        if (ownVersionParsed.major === 0) {
          if (ownVersionParsed.minor === globalVersionParsed.minor && ownVersionParsed.patch <= globalVersionParsed.patch) return _accept(globalVersion);
          return _reject(globalVersion);
        }
        if (ownVersionParsed.minor <= globalVersionParsed.minor) return _accept(globalVersion);
        return _reject(globalVersion);
      };
    }
    var isCompatible = _makeCompatibilityCheck(require_version3.VERSION);
    exports._makeCompatibilityCheck = _makeCompatibilityCheck;
    exports.isCompatible = isCompatible;
  }
});

// node_modules/@opentelemetry/api/dist/internal/global-utils.cjs
var require_global_utils = __commonJS({
  "node_modules/@opentelemetry/api/dist/internal/global-utils.cjs"(exports) {
    var require_version3 = require_version();
    var require_semver2 = require_semver();
    var major = require_version3.VERSION.split(".")[0];
    var GLOBAL_OPENTELEMETRY_API_KEY = /* @__PURE__ */ Symbol.for(`opentelemetry.js.api.${major}`);
    var _global = typeof globalThis === "object" ? globalThis : typeof self === "object" ? self : typeof window === "object" ? window : typeof global === "object" ? global : {};
    function _makeGlobalApi() {
      return Object.defineProperty({}, "version", {
        value: require_version3.VERSION,
        enumerable: true,
        writable: false,
        configurable: false
      });
    }
    function registerGlobal(type, instance, diag, allowOverride = false) {
      var _global$GLOBAL_OPENTE;
      const api = _global[GLOBAL_OPENTELEMETRY_API_KEY] = (_global$GLOBAL_OPENTE = _global[GLOBAL_OPENTELEMETRY_API_KEY]) !== null && _global$GLOBAL_OPENTE !== void 0 ? _global$GLOBAL_OPENTE : _makeGlobalApi();
      if (!allowOverride && api[type]) {
        const err = /* @__PURE__ */ new Error(`@opentelemetry/api: Attempted duplicate registration of API: ${type}`);
        diag.error(err.stack || err.message);
        return false;
      }
      if (api.version !== "1.10.0") {
        const err = /* @__PURE__ */ new Error(`@opentelemetry/api: Registration of version v${api.version} for ${type} does not match previously registered API v${require_version3.VERSION}`);
        diag.error(err.stack || err.message);
        return false;
      }
      api[type] = instance;
      diag.debug(`@opentelemetry/api: Registered a global for ${type} v${require_version3.VERSION}.`);
      return true;
    }
    var _compatibleGlobalApi;
    function getGlobal(type) {
      const api = _global[GLOBAL_OPENTELEMETRY_API_KEY];
      if (api == null) return;
      if (api !== _compatibleGlobalApi) {
        if (!api.version || !require_semver2.isCompatible(api.version)) return;
        _compatibleGlobalApi = api;
      }
      return api[type];
    }
    function unregisterGlobal(type, diag) {
      diag.debug(`@opentelemetry/api: Unregistering a global for ${type} v${require_version3.VERSION}.`);
      const api = _global[GLOBAL_OPENTELEMETRY_API_KEY];
      if (api) delete api[type];
    }
    exports.getGlobal = getGlobal;
    exports.registerGlobal = registerGlobal;
    exports.unregisterGlobal = unregisterGlobal;
  }
});

// node_modules/@opentelemetry/api/dist/diag/ComponentLogger.cjs
var require_ComponentLogger = __commonJS({
  "node_modules/@opentelemetry/api/dist/diag/ComponentLogger.cjs"(exports) {
    var require_global_utils2 = require_global_utils();
    var DiagComponentLogger = class {
      constructor(props) {
        this._namespace = props.namespace || "DiagComponentLogger";
      }
      debug(...args) {
        return logProxy("debug", this._namespace, args);
      }
      error(...args) {
        return logProxy("error", this._namespace, args);
      }
      info(...args) {
        return logProxy("info", this._namespace, args);
      }
      warn(...args) {
        return logProxy("warn", this._namespace, args);
      }
      verbose(...args) {
        return logProxy("verbose", this._namespace, args);
      }
    };
    function logProxy(funcName, namespace, args) {
      const logger = require_global_utils2.getGlobal("diag");
      if (!logger) return;
      return logger[funcName](namespace, ...args);
    }
    exports.DiagComponentLogger = DiagComponentLogger;
  }
});

// node_modules/@opentelemetry/api/dist/diag/internal/logLevelLogger.cjs
var require_logLevelLogger = __commonJS({
  "node_modules/@opentelemetry/api/dist/diag/internal/logLevelLogger.cjs"(exports) {
    require_types();
    function createLogLevelDiagLogger(maxLevel, logger) {
      if (maxLevel < 0) maxLevel = 0;
      else if (maxLevel > 9999) maxLevel = 9999;
      logger = logger || {};
      function _filterFunc(funcName, theLevel) {
        const theFunc = logger[funcName];
        if (typeof theFunc === "function" && maxLevel >= theLevel) return theFunc.bind(logger);
        return function() {
        };
      }
      return {
        error: _filterFunc("error", 30),
        warn: _filterFunc("warn", 50),
        info: _filterFunc("info", 60),
        debug: _filterFunc("debug", 70),
        verbose: _filterFunc("verbose", 80)
      };
    }
    exports.createLogLevelDiagLogger = createLogLevelDiagLogger;
  }
});

// node_modules/@opentelemetry/api/dist/api/diag.cjs
var require_diag = __commonJS({
  "node_modules/@opentelemetry/api/dist/api/diag.cjs"(exports) {
    var require_global_utils2 = require_global_utils();
    var require_ComponentLogger2 = require_ComponentLogger();
    require_types();
    var require_logLevelLogger2 = require_logLevelLogger();
    var API_NAME = "diag";
    var DiagAPI = class DiagAPI2 {
      /** Get the singleton instance of the DiagAPI API */
      static instance() {
        if (!this._instance) this._instance = new DiagAPI2();
        return this._instance;
      }
      /**
      * Private internal constructor
      * @private
      */
      constructor() {
        function _logProxy(funcName) {
          return function(...args) {
            const logger = require_global_utils2.getGlobal("diag");
            if (!logger) return;
            return logger[funcName](...args);
          };
        }
        const self2 = this;
        const setLogger = (logger, optionsOrLogLevel = { logLevel: 60 }) => {
          var _optionsOrLogLevel$lo;
          if (logger === self2) {
            var _err$stack;
            const err = /* @__PURE__ */ new Error("Cannot use diag as the logger for itself. Please use a DiagLogger implementation like ConsoleDiagLogger or a custom implementation");
            self2.error((_err$stack = err.stack) !== null && _err$stack !== void 0 ? _err$stack : err.message);
            return false;
          }
          if (typeof optionsOrLogLevel === "number") optionsOrLogLevel = { logLevel: optionsOrLogLevel };
          const oldLogger = require_global_utils2.getGlobal("diag");
          const newLogger = require_logLevelLogger2.createLogLevelDiagLogger((_optionsOrLogLevel$lo = optionsOrLogLevel.logLevel) !== null && _optionsOrLogLevel$lo !== void 0 ? _optionsOrLogLevel$lo : 60, logger);
          if (oldLogger && !optionsOrLogLevel.suppressOverrideMessage) {
            var _Error$stack;
            const stack = (_Error$stack = (/* @__PURE__ */ new Error()).stack) !== null && _Error$stack !== void 0 ? _Error$stack : "<failed to generate stacktrace>";
            oldLogger.warn(`Current logger will be overwritten from ${stack}`);
            newLogger.warn(`Current logger will overwrite one already registered from ${stack}`);
          }
          return require_global_utils2.registerGlobal("diag", newLogger, self2, true);
        };
        self2.setLogger = setLogger;
        self2.disable = () => {
          require_global_utils2.unregisterGlobal(API_NAME, self2);
        };
        self2.createComponentLogger = (options) => {
          return new require_ComponentLogger2.DiagComponentLogger(options);
        };
        self2.verbose = _logProxy("verbose");
        self2.debug = _logProxy("debug");
        self2.info = _logProxy("info");
        self2.warn = _logProxy("warn");
        self2.error = _logProxy("error");
      }
    };
    exports.DiagAPI = DiagAPI;
  }
});

// node_modules/@opentelemetry/api/dist/baggage/internal/baggage-impl.cjs
var require_baggage_impl = __commonJS({
  "node_modules/@opentelemetry/api/dist/baggage/internal/baggage-impl.cjs"(exports) {
    var BaggageImpl = class BaggageImpl2 {
      constructor(entries) {
        this._entries = entries ? new Map(entries) : /* @__PURE__ */ new Map();
      }
      getEntry(key) {
        const entry = this._entries.get(key);
        if (!entry) return;
        return Object.assign({}, entry);
      }
      getAllEntries() {
        return Array.from(this._entries.entries());
      }
      setEntry(key, entry) {
        const newBaggage = new BaggageImpl2(this._entries);
        newBaggage._entries.set(key, entry);
        return newBaggage;
      }
      removeEntry(key) {
        const newBaggage = new BaggageImpl2(this._entries);
        newBaggage._entries.delete(key);
        return newBaggage;
      }
      removeEntries(...keys) {
        const newBaggage = new BaggageImpl2(this._entries);
        for (const key of keys) newBaggage._entries.delete(key);
        return newBaggage;
      }
      clear() {
        return new BaggageImpl2();
      }
    };
    exports.BaggageImpl = BaggageImpl;
  }
});

// node_modules/@opentelemetry/api/dist/baggage/internal/symbol.cjs
var require_symbol = __commonJS({
  "node_modules/@opentelemetry/api/dist/baggage/internal/symbol.cjs"(exports) {
    var baggageEntryMetadataSymbol = /* @__PURE__ */ Symbol("BaggageEntryMetadata");
    exports.baggageEntryMetadataSymbol = baggageEntryMetadataSymbol;
  }
});

// node_modules/@opentelemetry/api/dist/baggage/utils.cjs
var require_utils = __commonJS({
  "node_modules/@opentelemetry/api/dist/baggage/utils.cjs"(exports) {
    var require_diag2 = require_diag();
    var require_baggage_impl2 = require_baggage_impl();
    var require_symbol2 = require_symbol();
    var diag = require_diag2.DiagAPI.instance();
    function createBaggage(entries = {}) {
      return new require_baggage_impl2.BaggageImpl(new Map(Object.entries(entries)));
    }
    function baggageEntryMetadataFromString(str) {
      if (typeof str !== "string") {
        diag.error(`Cannot create baggage metadata from unknown type: ${typeof str}`);
        str = "";
      }
      return {
        __TYPE__: require_symbol2.baggageEntryMetadataSymbol,
        toString() {
          return str;
        }
      };
    }
    exports.baggageEntryMetadataFromString = baggageEntryMetadataFromString;
    exports.createBaggage = createBaggage;
  }
});

// node_modules/@opentelemetry/api/dist/context/context.cjs
var require_context = __commonJS({
  "node_modules/@opentelemetry/api/dist/context/context.cjs"(exports) {
    function createContextKey(description) {
      return Symbol.for(description);
    }
    var ROOT_CONTEXT = new class BaseContext {
      /**
      * Construct a new context which inherits values from an optional parent context.
      *
      * @param parentContext a context from which to inherit values
      */
      constructor(parentContext) {
        const self2 = this;
        self2._currentContext = parentContext ? new Map(parentContext) : /* @__PURE__ */ new Map();
        self2.getValue = (key) => self2._currentContext.get(key);
        self2.setValue = (key, value) => {
          const context = new BaseContext(self2._currentContext);
          context._currentContext.set(key, value);
          return context;
        };
        self2.deleteValue = (key) => {
          const context = new BaseContext(self2._currentContext);
          context._currentContext.delete(key);
          return context;
        };
      }
    }();
    exports.ROOT_CONTEXT = ROOT_CONTEXT;
    exports.createContextKey = createContextKey;
  }
});

// node_modules/@opentelemetry/api/dist/diag/consoleLogger.cjs
var require_consoleLogger = __commonJS({
  "node_modules/@opentelemetry/api/dist/diag/consoleLogger.cjs"(exports) {
    var consoleMap = [
      {
        n: "error",
        c: "error"
      },
      {
        n: "warn",
        c: "warn"
      },
      {
        n: "info",
        c: "info"
      },
      {
        n: "debug",
        c: "debug"
      },
      {
        n: "verbose",
        c: "trace"
      }
    ];
    var _originalConsoleMethods = {};
    if (typeof console !== "undefined") {
      for (const key of [
        "error",
        "warn",
        "info",
        "debug",
        "trace",
        "log"
      ]) if (typeof console[key] === "function") _originalConsoleMethods[key] = console[key];
    }
    var DiagConsoleLogger = class {
      constructor() {
        function _consoleFunc(funcName) {
          return function(...args) {
            let theFunc = _originalConsoleMethods[funcName];
            if (typeof theFunc !== "function") theFunc = _originalConsoleMethods["log"];
            if (typeof theFunc !== "function" && console) {
              theFunc = console[funcName];
              if (typeof theFunc !== "function") theFunc = console.log;
            }
            if (typeof theFunc === "function") return theFunc.apply(console, args);
          };
        }
        for (let i = 0; i < consoleMap.length; i++) this[consoleMap[i].n] = _consoleFunc(consoleMap[i].c);
      }
    };
    exports.DiagConsoleLogger = DiagConsoleLogger;
    exports._originalConsoleMethods = _originalConsoleMethods;
  }
});

// node_modules/@opentelemetry/api/dist/metrics/NoopMeter.cjs
var require_NoopMeter = __commonJS({
  "node_modules/@opentelemetry/api/dist/metrics/NoopMeter.cjs"(exports) {
    var NoopMeter = class {
      constructor() {
      }
      /**
      * @see {@link Meter.createGauge}
      */
      createGauge(_name, _options) {
        return NOOP_GAUGE_METRIC;
      }
      /**
      * @see {@link Meter.createHistogram}
      */
      createHistogram(_name, _options) {
        return NOOP_HISTOGRAM_METRIC;
      }
      /**
      * @see {@link Meter.createCounter}
      */
      createCounter(_name, _options) {
        return NOOP_COUNTER_METRIC;
      }
      /**
      * @see {@link Meter.createUpDownCounter}
      */
      createUpDownCounter(_name, _options) {
        return NOOP_UP_DOWN_COUNTER_METRIC;
      }
      /**
      * @see {@link Meter.createObservableGauge}
      */
      createObservableGauge(_name, _options) {
        return NOOP_OBSERVABLE_GAUGE_METRIC;
      }
      /**
      * @see {@link Meter.createObservableCounter}
      */
      createObservableCounter(_name, _options) {
        return NOOP_OBSERVABLE_COUNTER_METRIC;
      }
      /**
      * @see {@link Meter.createObservableUpDownCounter}
      */
      createObservableUpDownCounter(_name, _options) {
        return NOOP_OBSERVABLE_UP_DOWN_COUNTER_METRIC;
      }
      /**
      * @see {@link Meter.addBatchObservableCallback}
      */
      addBatchObservableCallback(_callback, _observables) {
      }
      /**
      * @see {@link Meter.removeBatchObservableCallback}
      */
      removeBatchObservableCallback(_callback) {
      }
    };
    var NoopMetric = class {
    };
    var NoopCounterMetric = class extends NoopMetric {
      add(_value, _attributes) {
      }
    };
    var NoopUpDownCounterMetric = class extends NoopMetric {
      add(_value, _attributes) {
      }
    };
    var NoopGaugeMetric = class extends NoopMetric {
      record(_value, _attributes) {
      }
    };
    var NoopHistogramMetric = class extends NoopMetric {
      record(_value, _attributes) {
      }
    };
    var NoopObservableMetric = class {
      addCallback(_callback) {
      }
      removeCallback(_callback) {
      }
    };
    var NoopObservableCounterMetric = class extends NoopObservableMetric {
    };
    var NoopObservableGaugeMetric = class extends NoopObservableMetric {
    };
    var NoopObservableUpDownCounterMetric = class extends NoopObservableMetric {
    };
    var NOOP_METER = new NoopMeter();
    var NOOP_COUNTER_METRIC = new NoopCounterMetric();
    var NOOP_GAUGE_METRIC = new NoopGaugeMetric();
    var NOOP_HISTOGRAM_METRIC = new NoopHistogramMetric();
    var NOOP_UP_DOWN_COUNTER_METRIC = new NoopUpDownCounterMetric();
    var NOOP_OBSERVABLE_COUNTER_METRIC = new NoopObservableCounterMetric();
    var NOOP_OBSERVABLE_GAUGE_METRIC = new NoopObservableGaugeMetric();
    var NOOP_OBSERVABLE_UP_DOWN_COUNTER_METRIC = new NoopObservableUpDownCounterMetric();
    function createNoopMeter() {
      return NOOP_METER;
    }
    exports.NOOP_COUNTER_METRIC = NOOP_COUNTER_METRIC;
    exports.NOOP_GAUGE_METRIC = NOOP_GAUGE_METRIC;
    exports.NOOP_HISTOGRAM_METRIC = NOOP_HISTOGRAM_METRIC;
    exports.NOOP_METER = NOOP_METER;
    exports.NOOP_OBSERVABLE_COUNTER_METRIC = NOOP_OBSERVABLE_COUNTER_METRIC;
    exports.NOOP_OBSERVABLE_GAUGE_METRIC = NOOP_OBSERVABLE_GAUGE_METRIC;
    exports.NOOP_OBSERVABLE_UP_DOWN_COUNTER_METRIC = NOOP_OBSERVABLE_UP_DOWN_COUNTER_METRIC;
    exports.NOOP_UP_DOWN_COUNTER_METRIC = NOOP_UP_DOWN_COUNTER_METRIC;
    exports.NoopCounterMetric = NoopCounterMetric;
    exports.NoopGaugeMetric = NoopGaugeMetric;
    exports.NoopHistogramMetric = NoopHistogramMetric;
    exports.NoopMeter = NoopMeter;
    exports.NoopMetric = NoopMetric;
    exports.NoopObservableCounterMetric = NoopObservableCounterMetric;
    exports.NoopObservableGaugeMetric = NoopObservableGaugeMetric;
    exports.NoopObservableMetric = NoopObservableMetric;
    exports.NoopObservableUpDownCounterMetric = NoopObservableUpDownCounterMetric;
    exports.NoopUpDownCounterMetric = NoopUpDownCounterMetric;
    exports.createNoopMeter = createNoopMeter;
  }
});

// node_modules/@opentelemetry/api/dist/metrics/Metric.cjs
var require_Metric = __commonJS({
  "node_modules/@opentelemetry/api/dist/metrics/Metric.cjs"(exports) {
    var ValueType = /* @__PURE__ */ (function(ValueType2) {
      ValueType2[ValueType2["INT"] = 0] = "INT";
      ValueType2[ValueType2["DOUBLE"] = 1] = "DOUBLE";
      return ValueType2;
    })({});
    exports.ValueType = ValueType;
  }
});

// node_modules/@opentelemetry/api/dist/logs/NoopLogger.cjs
var require_NoopLogger = __commonJS({
  "node_modules/@opentelemetry/api/dist/logs/NoopLogger.cjs"(exports) {
    var NoopLogger = class {
      emit(_logRecord) {
      }
      enabled() {
        return false;
      }
    };
    var NOOP_LOGGER = new NoopLogger();
    function createNoopLogger() {
      return NOOP_LOGGER;
    }
    exports.NOOP_LOGGER = NOOP_LOGGER;
    exports.NoopLogger = NoopLogger;
    exports.createNoopLogger = createNoopLogger;
  }
});

// node_modules/@opentelemetry/api/dist/logs/LogRecord.cjs
var require_LogRecord = __commonJS({
  "node_modules/@opentelemetry/api/dist/logs/LogRecord.cjs"(exports) {
    var SeverityNumber = /* @__PURE__ */ (function(SeverityNumber2) {
      SeverityNumber2[SeverityNumber2["UNSPECIFIED"] = 0] = "UNSPECIFIED";
      SeverityNumber2[SeverityNumber2["TRACE"] = 1] = "TRACE";
      SeverityNumber2[SeverityNumber2["TRACE2"] = 2] = "TRACE2";
      SeverityNumber2[SeverityNumber2["TRACE3"] = 3] = "TRACE3";
      SeverityNumber2[SeverityNumber2["TRACE4"] = 4] = "TRACE4";
      SeverityNumber2[SeverityNumber2["DEBUG"] = 5] = "DEBUG";
      SeverityNumber2[SeverityNumber2["DEBUG2"] = 6] = "DEBUG2";
      SeverityNumber2[SeverityNumber2["DEBUG3"] = 7] = "DEBUG3";
      SeverityNumber2[SeverityNumber2["DEBUG4"] = 8] = "DEBUG4";
      SeverityNumber2[SeverityNumber2["INFO"] = 9] = "INFO";
      SeverityNumber2[SeverityNumber2["INFO2"] = 10] = "INFO2";
      SeverityNumber2[SeverityNumber2["INFO3"] = 11] = "INFO3";
      SeverityNumber2[SeverityNumber2["INFO4"] = 12] = "INFO4";
      SeverityNumber2[SeverityNumber2["WARN"] = 13] = "WARN";
      SeverityNumber2[SeverityNumber2["WARN2"] = 14] = "WARN2";
      SeverityNumber2[SeverityNumber2["WARN3"] = 15] = "WARN3";
      SeverityNumber2[SeverityNumber2["WARN4"] = 16] = "WARN4";
      SeverityNumber2[SeverityNumber2["ERROR"] = 17] = "ERROR";
      SeverityNumber2[SeverityNumber2["ERROR2"] = 18] = "ERROR2";
      SeverityNumber2[SeverityNumber2["ERROR3"] = 19] = "ERROR3";
      SeverityNumber2[SeverityNumber2["ERROR4"] = 20] = "ERROR4";
      SeverityNumber2[SeverityNumber2["FATAL"] = 21] = "FATAL";
      SeverityNumber2[SeverityNumber2["FATAL2"] = 22] = "FATAL2";
      SeverityNumber2[SeverityNumber2["FATAL3"] = 23] = "FATAL3";
      SeverityNumber2[SeverityNumber2["FATAL4"] = 24] = "FATAL4";
      return SeverityNumber2;
    })({});
    exports.SeverityNumber = SeverityNumber;
  }
});

// node_modules/@opentelemetry/api/dist/propagation/TextMapPropagator.cjs
var require_TextMapPropagator = __commonJS({
  "node_modules/@opentelemetry/api/dist/propagation/TextMapPropagator.cjs"(exports) {
    var defaultTextMapGetter = {
      get(carrier, key) {
        if (carrier == null) return;
        return carrier[key];
      },
      keys(carrier) {
        if (carrier == null) return [];
        return Object.keys(carrier);
      }
    };
    var defaultTextMapSetter = { set(carrier, key, value) {
      if (carrier == null) return;
      carrier[key] = value;
    } };
    exports.defaultTextMapGetter = defaultTextMapGetter;
    exports.defaultTextMapSetter = defaultTextMapSetter;
  }
});

// node_modules/@opentelemetry/api/dist/trace/trace_flags.cjs
var require_trace_flags = __commonJS({
  "node_modules/@opentelemetry/api/dist/trace/trace_flags.cjs"(exports) {
    var TraceFlags = /* @__PURE__ */ (function(TraceFlags2) {
      TraceFlags2[TraceFlags2["NONE"] = 0] = "NONE";
      TraceFlags2[TraceFlags2["SAMPLED"] = 1] = "SAMPLED";
      return TraceFlags2;
    })({});
    exports.TraceFlags = TraceFlags;
  }
});

// node_modules/@opentelemetry/api/dist/trace/invalid-span-constants.cjs
var require_invalid_span_constants = __commonJS({
  "node_modules/@opentelemetry/api/dist/trace/invalid-span-constants.cjs"(exports) {
    require_trace_flags();
    var INVALID_SPANID = "0000000000000000";
    var INVALID_TRACEID = "00000000000000000000000000000000";
    var INVALID_SPAN_CONTEXT = {
      traceId: INVALID_TRACEID,
      spanId: INVALID_SPANID,
      traceFlags: 0
    };
    exports.INVALID_SPANID = INVALID_SPANID;
    exports.INVALID_SPAN_CONTEXT = INVALID_SPAN_CONTEXT;
    exports.INVALID_TRACEID = INVALID_TRACEID;
  }
});

// node_modules/@opentelemetry/api/dist/trace/NonRecordingSpan.cjs
var require_NonRecordingSpan = __commonJS({
  "node_modules/@opentelemetry/api/dist/trace/NonRecordingSpan.cjs"(exports) {
    var require_invalid_span_constants2 = require_invalid_span_constants();
    var NonRecordingSpan = class {
      constructor(spanContext = require_invalid_span_constants2.INVALID_SPAN_CONTEXT) {
        this._spanContext = spanContext;
      }
      spanContext() {
        return this._spanContext;
      }
      setAttribute(_key, _value) {
        return this;
      }
      setAttributes(_attributes) {
        return this;
      }
      addEvent(_name, _attributes) {
        return this;
      }
      addLink(_link) {
        return this;
      }
      addLinks(_links) {
        return this;
      }
      setStatus(_status) {
        return this;
      }
      updateName(_name) {
        return this;
      }
      end(_endTime) {
      }
      isRecording() {
        return false;
      }
      recordException(_exception, _time) {
      }
    };
    exports.NonRecordingSpan = NonRecordingSpan;
  }
});

// node_modules/@opentelemetry/api/dist/trace/spancontext-utils.cjs
var require_spancontext_utils = __commonJS({
  "node_modules/@opentelemetry/api/dist/trace/spancontext-utils.cjs"(exports) {
    require_invalid_span_constants();
    var require_NonRecordingSpan2 = require_NonRecordingSpan();
    var isHex = new Uint8Array([
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      1,
      1,
      1,
      1,
      1,
      1,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      1,
      1,
      1,
      1,
      1,
      1
    ]);
    function isValidHex(id, length) {
      if (typeof id !== "string" || id.length !== length) return false;
      let r = 0;
      for (let i = 0; i < id.length; i += 4) r += (isHex[id.charCodeAt(i)] | 0) + (isHex[id.charCodeAt(i + 1)] | 0) + (isHex[id.charCodeAt(i + 2)] | 0) + (isHex[id.charCodeAt(i + 3)] | 0);
      return r === length;
    }
    function isValidTraceId(traceId) {
      return isValidHex(traceId, 32) && traceId !== "00000000000000000000000000000000";
    }
    function isValidSpanId(spanId) {
      return isValidHex(spanId, 16) && spanId !== "0000000000000000";
    }
    function isSpanContextValid(spanContext) {
      return isValidTraceId(spanContext.traceId) && isValidSpanId(spanContext.spanId);
    }
    function wrapSpanContext(spanContext) {
      return new require_NonRecordingSpan2.NonRecordingSpan(spanContext);
    }
    exports.isSpanContextValid = isSpanContextValid;
    exports.isValidSpanId = isValidSpanId;
    exports.isValidTraceId = isValidTraceId;
    exports.wrapSpanContext = wrapSpanContext;
  }
});

// node_modules/@opentelemetry/api/dist/context/NoopContextManager.cjs
var require_NoopContextManager = __commonJS({
  "node_modules/@opentelemetry/api/dist/context/NoopContextManager.cjs"(exports) {
    var require_context3 = require_context();
    var NoopContextManager = class {
      active() {
        return require_context3.ROOT_CONTEXT;
      }
      with(_context, fn, thisArg, ...args) {
        return fn.call(thisArg, ...args);
      }
      bind(_context, target) {
        return target;
      }
      enable() {
        return this;
      }
      disable() {
        return this;
      }
      /** @experimental This API is experimental and may change in minor releases without prior notice. */
      attach(_context) {
        return { dispose() {
        } };
      }
    };
    exports.NoopContextManager = NoopContextManager;
  }
});

// node_modules/@opentelemetry/api/dist/api/context.cjs
var require_context2 = __commonJS({
  "node_modules/@opentelemetry/api/dist/api/context.cjs"(exports) {
    var require_global_utils2 = require_global_utils();
    var require_diag2 = require_diag();
    var require_NoopContextManager2 = require_NoopContextManager();
    var API_NAME = "context";
    var NOOP_CONTEXT_MANAGER = new require_NoopContextManager2.NoopContextManager();
    var NOOP_TOKEN = Object.freeze({ dispose: () => {
    } });
    var ContextAPI = class ContextAPI2 {
      /** Empty private constructor prevents end users from constructing a new instance of the API */
      constructor() {
        this._attachUnsupportedWarned = false;
      }
      /** Get the singleton instance of the Context API */
      static getInstance() {
        if (!this._instance) this._instance = new ContextAPI2();
        return this._instance;
      }
      /**
      * Set the current context manager.
      *
      * @returns true if the context manager was successfully registered, else false
      */
      setGlobalContextManager(contextManager) {
        return require_global_utils2.registerGlobal(API_NAME, contextManager, require_diag2.DiagAPI.instance());
      }
      /**
      * Get the currently active context
      */
      active() {
        return this._getContextManager().active();
      }
      /**
      * Execute a function with an active context
      *
      * @param context context to be active during function execution
      * @param fn function to execute in a context
      * @param thisArg optional receiver to be used for calling fn
      * @param args optional arguments forwarded to fn
      */
      with(context, fn, thisArg, ...args) {
        return this._getContextManager().with(context, fn, thisArg, ...args);
      }
      /**
      * Bind a context to a target function or event emitter
      *
      * @param context context to bind to the event emitter or function. Defaults to the currently active context
      * @param target function or event emitter to bind
      */
      bind(context, target) {
        return this._getContextManager().bind(context, target);
      }
      /**
      * Imperatively sets `context` as active, returning a {@link ContextManagementToken} whose
      * {@link ContextManagementToken.dispose} restores the previous context.
      *
      * This is a delicate, low-level API - prefer {@link with}/{@link bind}, which
      * restore context automatically. Use `attach` only to bridge callback
      * boundaries that `with` cannot wrap. Call `token.dispose()` when the
      * operation is done.
      *
      * **Caveat for async functions:** If called inside an async function before
      * the first `await`, the context change may leak into the caller's context
      * and remain active there. Prefer {@link with} for async code.
      *
      * Support is best-effort and varies by the active ContextManager (see
      * {@link ContextManager.attach}); if it does not implement `attach`, this logs
      * a warning and returns a no-op token.
      *
      * @param context The Context to attach
      * @returns A {@link ContextManagementToken} whose dispose() restores the previous Context
      * @since 1.10.0
      * @experimental This API is experimental and may change in minor releases without prior notice.
      */
      attach(context) {
        const contextManager = this._getContextManager();
        if (contextManager.attach) return contextManager.attach(context);
        if (!this._attachUnsupportedWarned) {
          this._attachUnsupportedWarned = true;
          require_diag2.DiagAPI.instance().warn("The current ContextManager does not implement attach(). The context will not be attached. Use a ContextManager that supports attach() (e.g. AsyncLocalStorageContextManager) or use with()/bind() instead.");
        }
        return NOOP_TOKEN;
      }
      _getContextManager() {
        return require_global_utils2.getGlobal(API_NAME) || NOOP_CONTEXT_MANAGER;
      }
      /** Disable and remove the global context manager */
      disable() {
        this._getContextManager().disable();
        require_global_utils2.unregisterGlobal(API_NAME, require_diag2.DiagAPI.instance());
      }
    };
    exports.ContextAPI = ContextAPI;
  }
});

// node_modules/@opentelemetry/api/dist/trace/context-utils.cjs
var require_context_utils = __commonJS({
  "node_modules/@opentelemetry/api/dist/trace/context-utils.cjs"(exports) {
    var require_context3 = require_context();
    var require_context$1 = require_context2();
    var require_NonRecordingSpan2 = require_NonRecordingSpan();
    var SPAN_KEY = require_context3.createContextKey("OpenTelemetry Context Key SPAN");
    function getSpan(context) {
      return context.getValue(SPAN_KEY) || void 0;
    }
    function getActiveSpan() {
      return getSpan(require_context$1.ContextAPI.getInstance().active());
    }
    function setSpan(context, span) {
      return context.setValue(SPAN_KEY, span);
    }
    function deleteSpan(context) {
      return context.deleteValue(SPAN_KEY);
    }
    function setSpanContext(context, spanContext) {
      return setSpan(context, new require_NonRecordingSpan2.NonRecordingSpan(spanContext));
    }
    function getSpanContext(context) {
      var _getSpan;
      return (_getSpan = getSpan(context)) === null || _getSpan === void 0 ? void 0 : _getSpan.spanContext();
    }
    exports.deleteSpan = deleteSpan;
    exports.getActiveSpan = getActiveSpan;
    exports.getSpan = getSpan;
    exports.getSpanContext = getSpanContext;
    exports.setSpan = setSpan;
    exports.setSpanContext = setSpanContext;
  }
});

// node_modules/@opentelemetry/api/dist/trace/NoopTracer.cjs
var require_NoopTracer = __commonJS({
  "node_modules/@opentelemetry/api/dist/trace/NoopTracer.cjs"(exports) {
    var require_context3 = require_context2();
    var require_NonRecordingSpan2 = require_NonRecordingSpan();
    var require_context_utils2 = require_context_utils();
    var require_spancontext_utils2 = require_spancontext_utils();
    var contextApi = require_context3.ContextAPI.getInstance();
    var NoopTracer = class {
      startSpan(name, options, context = contextApi.active()) {
        if (Boolean(options === null || options === void 0 ? void 0 : options.root)) return new require_NonRecordingSpan2.NonRecordingSpan();
        const parentFromContext = context && require_context_utils2.getSpanContext(context);
        if (isSpanContext(parentFromContext) && require_spancontext_utils2.isSpanContextValid(parentFromContext)) return new require_NonRecordingSpan2.NonRecordingSpan(parentFromContext);
        else return new require_NonRecordingSpan2.NonRecordingSpan();
      }
      startActiveSpan(name, arg2, arg3, arg4) {
        var _ctx;
        let opts;
        let ctx;
        let fn;
        if (arguments.length < 2) return;
        else if (arguments.length === 2) fn = arg2;
        else if (arguments.length === 3) {
          opts = arg2;
          fn = arg3;
        } else {
          opts = arg2;
          ctx = arg3;
          fn = arg4;
        }
        const parentContext = (_ctx = ctx) !== null && _ctx !== void 0 ? _ctx : contextApi.active();
        const span = this.startSpan(name, opts, parentContext);
        const contextWithSpanSet = require_context_utils2.setSpan(parentContext, span);
        return contextApi.with(contextWithSpanSet, fn, void 0, span);
      }
    };
    function isSpanContext(spanContext) {
      return spanContext !== null && typeof spanContext === "object" && "spanId" in spanContext && typeof spanContext["spanId"] === "string" && "traceId" in spanContext && typeof spanContext["traceId"] === "string" && "traceFlags" in spanContext && typeof spanContext["traceFlags"] === "number";
    }
    exports.NoopTracer = NoopTracer;
  }
});

// node_modules/@opentelemetry/api/dist/trace/ProxyTracer.cjs
var require_ProxyTracer = __commonJS({
  "node_modules/@opentelemetry/api/dist/trace/ProxyTracer.cjs"(exports) {
    var NOOP_TRACER = new (require_NoopTracer()).NoopTracer();
    var ProxyTracer = class {
      constructor(provider, name, version, options) {
        this._provider = provider;
        this.name = name;
        this.version = version;
        this.options = options;
      }
      startSpan(name, options, context) {
        return this._getTracer().startSpan(name, options, context);
      }
      startActiveSpan(_name, _options, _context, _fn) {
        const tracer = this._getTracer();
        return Reflect.apply(tracer.startActiveSpan, tracer, arguments);
      }
      /**
      * Try to get a tracer from the proxy tracer provider.
      * If the proxy tracer provider has no delegate, return a noop tracer.
      */
      _getTracer() {
        if (this._delegate) return this._delegate;
        const tracer = this._provider.getDelegateTracer(this.name, this.version, this.options);
        if (!tracer) return NOOP_TRACER;
        this._delegate = tracer;
        return this._delegate;
      }
    };
    exports.ProxyTracer = ProxyTracer;
  }
});

// node_modules/@opentelemetry/api/dist/trace/span_kind.cjs
var require_span_kind = __commonJS({
  "node_modules/@opentelemetry/api/dist/trace/span_kind.cjs"(exports) {
    var SpanKind = /* @__PURE__ */ (function(SpanKind2) {
      SpanKind2[SpanKind2["INTERNAL"] = 0] = "INTERNAL";
      SpanKind2[SpanKind2["SERVER"] = 1] = "SERVER";
      SpanKind2[SpanKind2["CLIENT"] = 2] = "CLIENT";
      SpanKind2[SpanKind2["PRODUCER"] = 3] = "PRODUCER";
      SpanKind2[SpanKind2["CONSUMER"] = 4] = "CONSUMER";
      return SpanKind2;
    })({});
    exports.SpanKind = SpanKind;
  }
});

// node_modules/@opentelemetry/api/dist/trace/status.cjs
var require_status = __commonJS({
  "node_modules/@opentelemetry/api/dist/trace/status.cjs"(exports) {
    var SpanStatusCode = /* @__PURE__ */ (function(SpanStatusCode2) {
      SpanStatusCode2[SpanStatusCode2["UNSET"] = 0] = "UNSET";
      SpanStatusCode2[SpanStatusCode2["OK"] = 1] = "OK";
      SpanStatusCode2[SpanStatusCode2["ERROR"] = 2] = "ERROR";
      return SpanStatusCode2;
    })({});
    exports.SpanStatusCode = SpanStatusCode;
  }
});

// node_modules/@opentelemetry/api/dist/trace/internal/tracestate-validators.cjs
var require_tracestate_validators = __commonJS({
  "node_modules/@opentelemetry/api/dist/trace/internal/tracestate-validators.cjs"(exports) {
    var VALID_KEY_CHAR_RANGE = "[_0-9a-z-*/]";
    var VALID_KEY_REGEX = new RegExp(`^(?:${`[a-z]${VALID_KEY_CHAR_RANGE}{0,255}`}|${`[a-z0-9]${VALID_KEY_CHAR_RANGE}{0,240}@[a-z]${VALID_KEY_CHAR_RANGE}{0,13}`})$`);
    var VALID_VALUE_BASE_REGEX = /^[ -~]{0,255}[!-~]$/;
    var INVALID_VALUE_COMMA_EQUAL_REGEX = /,|=/;
    function validateKey(key) {
      return VALID_KEY_REGEX.test(key);
    }
    function validateValue(value) {
      return VALID_VALUE_BASE_REGEX.test(value) && !INVALID_VALUE_COMMA_EQUAL_REGEX.test(value);
    }
    exports.validateKey = validateKey;
    exports.validateValue = validateValue;
  }
});

// node_modules/@opentelemetry/api/dist/trace/internal/tracestate-impl.cjs
var require_tracestate_impl = __commonJS({
  "node_modules/@opentelemetry/api/dist/trace/internal/tracestate-impl.cjs"(exports) {
    var require_tracestate_validators2 = require_tracestate_validators();
    var MAX_TRACE_STATE_ITEMS = 32;
    var MAX_TRACE_STATE_LEN = 512;
    var LIST_MEMBERS_SEPARATOR = ",";
    var LIST_MEMBER_KEY_VALUE_SPLITTER = "=";
    var TraceStateImpl = class TraceStateImpl2 {
      constructor(rawTraceState) {
        this._internalState = /* @__PURE__ */ new Map();
        if (rawTraceState) this._parse(rawTraceState);
      }
      set(key, value) {
        const currValue = this._internalState.get(key);
        let newLength = this.serialize().length;
        if (typeof currValue === "string") newLength += value.length - currValue.length;
        else {
          if (this._internalState.size >= MAX_TRACE_STATE_ITEMS) return this;
          newLength += key.length + value.length + (this._internalState.size > 0 ? 2 : 1);
        }
        if (newLength > MAX_TRACE_STATE_LEN) return this;
        const traceState = this._clone();
        if (traceState._internalState.has(key)) traceState._internalState.delete(key);
        traceState._internalState.set(key, value);
        return traceState;
      }
      unset(key) {
        const traceState = this._clone();
        traceState._internalState.delete(key);
        return traceState;
      }
      get(key) {
        return this._internalState.get(key);
      }
      serialize() {
        return Array.from(this._internalState.keys()).reduceRight((agg, key) => {
          agg.push(key + LIST_MEMBER_KEY_VALUE_SPLITTER + this.get(key));
          return agg;
        }, []).join(LIST_MEMBERS_SEPARATOR);
      }
      _parse(rawTraceState) {
        if (rawTraceState.length > MAX_TRACE_STATE_LEN) return;
        this._internalState = rawTraceState.split(LIST_MEMBERS_SEPARATOR).reduceRight((agg, part) => {
          const listMember = part.trim();
          const i = listMember.indexOf(LIST_MEMBER_KEY_VALUE_SPLITTER);
          if (i !== -1) {
            const key = listMember.slice(0, i);
            const value = listMember.slice(i + 1, part.length);
            if (require_tracestate_validators2.validateKey(key) && require_tracestate_validators2.validateValue(value)) agg.set(key, value);
          }
          return agg;
        }, /* @__PURE__ */ new Map());
        if (this._internalState.size > MAX_TRACE_STATE_ITEMS) this._internalState = new Map(Array.from(this._internalState.entries()).reverse().slice(0, MAX_TRACE_STATE_ITEMS));
      }
      _keys() {
        return Array.from(this._internalState.keys()).reverse();
      }
      _clone() {
        const traceState = new TraceStateImpl2();
        traceState._internalState = new Map(this._internalState);
        return traceState;
      }
    };
    exports.TraceStateImpl = TraceStateImpl;
  }
});

// node_modules/@opentelemetry/api/dist/trace/internal/utils.cjs
var require_utils2 = __commonJS({
  "node_modules/@opentelemetry/api/dist/trace/internal/utils.cjs"(exports) {
    var require_tracestate_impl2 = require_tracestate_impl();
    function createTraceState(rawTraceState) {
      return new require_tracestate_impl2.TraceStateImpl(rawTraceState);
    }
    exports.createTraceState = createTraceState;
  }
});

// node_modules/@opentelemetry/api/dist/trace/NoopTracerProvider.cjs
var require_NoopTracerProvider = __commonJS({
  "node_modules/@opentelemetry/api/dist/trace/NoopTracerProvider.cjs"(exports) {
    var require_NoopTracer2 = require_NoopTracer();
    var NoopTracerProvider = class {
      getTracer(_name, _version, _options) {
        return new require_NoopTracer2.NoopTracer();
      }
    };
    exports.NoopTracerProvider = NoopTracerProvider;
  }
});

// node_modules/@opentelemetry/api/dist/trace/ProxyTracerProvider.cjs
var require_ProxyTracerProvider = __commonJS({
  "node_modules/@opentelemetry/api/dist/trace/ProxyTracerProvider.cjs"(exports) {
    var require_ProxyTracer2 = require_ProxyTracer();
    var NOOP_TRACER_PROVIDER = new (require_NoopTracerProvider()).NoopTracerProvider();
    var ProxyTracerProvider = class {
      /**
      * Get a {@link ProxyTracer}
      */
      getTracer(name, version, options) {
        var _this$getDelegateTrac;
        return (_this$getDelegateTrac = this.getDelegateTracer(name, version, options)) !== null && _this$getDelegateTrac !== void 0 ? _this$getDelegateTrac : new require_ProxyTracer2.ProxyTracer(this, name, version, options);
      }
      getDelegate() {
        var _this$_delegate;
        return (_this$_delegate = this._delegate) !== null && _this$_delegate !== void 0 ? _this$_delegate : NOOP_TRACER_PROVIDER;
      }
      /**
      * Set the delegate tracer provider
      */
      setDelegate(delegate) {
        this._delegate = delegate;
      }
      getDelegateTracer(name, version, options) {
        var _this$_delegate2;
        return (_this$_delegate2 = this._delegate) === null || _this$_delegate2 === void 0 ? void 0 : _this$_delegate2.getTracer(name, version, options);
      }
    };
    exports.ProxyTracerProvider = ProxyTracerProvider;
  }
});

// node_modules/@opentelemetry/api/dist/trace/SamplingResult.cjs
var require_SamplingResult = __commonJS({
  "node_modules/@opentelemetry/api/dist/trace/SamplingResult.cjs"(exports) {
    var SamplingDecision = /* @__PURE__ */ (function(SamplingDecision2) {
      SamplingDecision2[SamplingDecision2["NOT_RECORD"] = 0] = "NOT_RECORD";
      SamplingDecision2[SamplingDecision2["RECORD"] = 1] = "RECORD";
      SamplingDecision2[SamplingDecision2["RECORD_AND_SAMPLED"] = 2] = "RECORD_AND_SAMPLED";
      return SamplingDecision2;
    })({});
    exports.SamplingDecision = SamplingDecision;
  }
});

// node_modules/@opentelemetry/api/dist/context-api.cjs
var require_context_api = __commonJS({
  "node_modules/@opentelemetry/api/dist/context-api.cjs"(exports) {
    var context = require_context2().ContextAPI.getInstance();
    exports.context = context;
  }
});

// node_modules/@opentelemetry/api/dist/diag-api.cjs
var require_diag_api = __commonJS({
  "node_modules/@opentelemetry/api/dist/diag-api.cjs"(exports) {
    var diag = require_diag().DiagAPI.instance();
    exports.diag = diag;
  }
});

// node_modules/@opentelemetry/api/dist/logs/NoopLoggerProvider.cjs
var require_NoopLoggerProvider = __commonJS({
  "node_modules/@opentelemetry/api/dist/logs/NoopLoggerProvider.cjs"(exports) {
    var require_NoopLogger2 = require_NoopLogger();
    var NoopLoggerProvider = class {
      getLogger(_name, _version, _options) {
        return new require_NoopLogger2.NoopLogger();
      }
    };
    var NOOP_LOGGER_PROVIDER = new NoopLoggerProvider();
    exports.NOOP_LOGGER_PROVIDER = NOOP_LOGGER_PROVIDER;
    exports.NoopLoggerProvider = NoopLoggerProvider;
  }
});

// node_modules/@opentelemetry/api/dist/logs/ProxyLogger.cjs
var require_ProxyLogger = __commonJS({
  "node_modules/@opentelemetry/api/dist/logs/ProxyLogger.cjs"(exports) {
    var require_NoopLogger2 = require_NoopLogger();
    var ProxyLogger = class {
      constructor(provider, name, version, options) {
        this._provider = provider;
        this.name = name;
        this.version = version;
        this.options = options;
      }
      /**
      * Emit a log record. This method should only be used by log appenders.
      *
      * @param logRecord
      */
      emit(logRecord) {
        this._getLogger().emit(logRecord);
      }
      enabled(options) {
        return this._getLogger().enabled(options);
      }
      /**
      * Try to get a logger from the proxy logger provider.
      * If the proxy logger provider has no delegate, return a noop logger.
      */
      _getLogger() {
        if (this._delegate) return this._delegate;
        const logger = this._provider._getDelegateLogger(this.name, this.version, this.options);
        if (!logger) return require_NoopLogger2.NOOP_LOGGER;
        this._delegate = logger;
        return this._delegate;
      }
    };
    exports.ProxyLogger = ProxyLogger;
  }
});

// node_modules/@opentelemetry/api/dist/logs/ProxyLoggerProvider.cjs
var require_ProxyLoggerProvider = __commonJS({
  "node_modules/@opentelemetry/api/dist/logs/ProxyLoggerProvider.cjs"(exports) {
    var require_NoopLoggerProvider2 = require_NoopLoggerProvider();
    var require_ProxyLogger2 = require_ProxyLogger();
    var ProxyLoggerProvider = class {
      getLogger(name, version, options) {
        var _this$_getDelegateLog;
        return (_this$_getDelegateLog = this._getDelegateLogger(name, version, options)) !== null && _this$_getDelegateLog !== void 0 ? _this$_getDelegateLog : new require_ProxyLogger2.ProxyLogger(this, name, version, options);
      }
      /**
      * Get the delegate logger provider.
      * Used by tests only.
      * @internal
      */
      _getDelegate() {
        var _this$_delegate;
        return (_this$_delegate = this._delegate) !== null && _this$_delegate !== void 0 ? _this$_delegate : require_NoopLoggerProvider2.NOOP_LOGGER_PROVIDER;
      }
      /**
      * Set the delegate logger provider
      * @internal
      */
      _setDelegate(delegate) {
        this._delegate = delegate;
      }
      /**
      * @internal
      */
      _getDelegateLogger(name, version, options) {
        var _this$_delegate2;
        return (_this$_delegate2 = this._delegate) === null || _this$_delegate2 === void 0 ? void 0 : _this$_delegate2.getLogger(name, version, options);
      }
    };
    exports.ProxyLoggerProvider = ProxyLoggerProvider;
  }
});

// node_modules/@opentelemetry/api/dist/api/logs.cjs
var require_logs = __commonJS({
  "node_modules/@opentelemetry/api/dist/api/logs.cjs"(exports) {
    var require_global_utils2 = require_global_utils();
    var require_diag2 = require_diag();
    var require_ProxyLoggerProvider2 = require_ProxyLoggerProvider();
    var API_NAME = "logs";
    var LogsAPI = class LogsAPI2 {
      /** Empty private constructor prevents end users from constructing a new instance of the API */
      constructor() {
        this._proxyLoggerProvider = new require_ProxyLoggerProvider2.ProxyLoggerProvider();
      }
      /** Get the singleton instance of the Logs API */
      static getInstance() {
        if (!this._instance) this._instance = new LogsAPI2();
        return this._instance;
      }
      setGlobalLoggerProvider(provider) {
        const success = require_global_utils2.registerGlobal(API_NAME, provider, require_diag2.DiagAPI.instance());
        if (success) this._proxyLoggerProvider._setDelegate(provider);
        return success;
      }
      /**
      * Returns the global logger provider.
      *
      * @returns LoggerProvider
      */
      getLoggerProvider() {
        return require_global_utils2.getGlobal(API_NAME) || this._proxyLoggerProvider;
      }
      /**
      * Returns a Logger, creating one if one with the given name, version,
      * schemaUrl, and attributes is not already created.
      *
      * Getting a Logger may be expensive, especially when `attributes` are
      * provided. Reuse Logger instances where possible instead of calling
      * `getLogger()` on hot paths.
      *
      * @param name The name of the logger or instrumentation library.
      * @param version The version of the logger or instrumentation library.
      * @param options The options of the logger or instrumentation library.
      * @returns {@link Logger}
      */
      getLogger(name, version, options) {
        return this.getLoggerProvider().getLogger(name, version, options);
      }
      /** Remove the global logger provider */
      disable() {
        require_global_utils2.unregisterGlobal(API_NAME, require_diag2.DiagAPI.instance());
        this._proxyLoggerProvider = new require_ProxyLoggerProvider2.ProxyLoggerProvider();
      }
    };
    exports.LogsAPI = LogsAPI;
  }
});

// node_modules/@opentelemetry/api/dist/logs-api.cjs
var require_logs_api = __commonJS({
  "node_modules/@opentelemetry/api/dist/logs-api.cjs"(exports) {
    var logs = require_logs().LogsAPI.getInstance();
    exports.logs = logs;
  }
});

// node_modules/@opentelemetry/api/dist/metrics/NoopMeterProvider.cjs
var require_NoopMeterProvider = __commonJS({
  "node_modules/@opentelemetry/api/dist/metrics/NoopMeterProvider.cjs"(exports) {
    var require_NoopMeter2 = require_NoopMeter();
    var NoopMeterProvider = class {
      getMeter(_name, _version, _options) {
        return require_NoopMeter2.NOOP_METER;
      }
    };
    var NOOP_METER_PROVIDER = new NoopMeterProvider();
    exports.NOOP_METER_PROVIDER = NOOP_METER_PROVIDER;
    exports.NoopMeterProvider = NoopMeterProvider;
  }
});

// node_modules/@opentelemetry/api/dist/api/metrics.cjs
var require_metrics = __commonJS({
  "node_modules/@opentelemetry/api/dist/api/metrics.cjs"(exports) {
    var require_global_utils2 = require_global_utils();
    var require_diag2 = require_diag();
    var require_NoopMeterProvider2 = require_NoopMeterProvider();
    var API_NAME = "metrics";
    var MetricsAPI = class MetricsAPI2 {
      /** Empty private constructor prevents end users from constructing a new instance of the API */
      constructor() {
      }
      /** Get the singleton instance of the Metrics API */
      static getInstance() {
        if (!this._instance) this._instance = new MetricsAPI2();
        return this._instance;
      }
      /**
      * Set the current global meter provider.
      * Returns true if the meter provider was successfully registered, else false.
      */
      setGlobalMeterProvider(provider) {
        return require_global_utils2.registerGlobal(API_NAME, provider, require_diag2.DiagAPI.instance());
      }
      /**
      * Returns the global meter provider.
      */
      getMeterProvider() {
        return require_global_utils2.getGlobal(API_NAME) || require_NoopMeterProvider2.NOOP_METER_PROVIDER;
      }
      /**
      * Returns a meter from the global meter provider.
      */
      getMeter(name, version, options) {
        return this.getMeterProvider().getMeter(name, version, options);
      }
      /** Remove the global meter provider */
      disable() {
        require_global_utils2.unregisterGlobal(API_NAME, require_diag2.DiagAPI.instance());
      }
    };
    exports.MetricsAPI = MetricsAPI;
  }
});

// node_modules/@opentelemetry/api/dist/metrics-api.cjs
var require_metrics_api = __commonJS({
  "node_modules/@opentelemetry/api/dist/metrics-api.cjs"(exports) {
    var metrics = require_metrics().MetricsAPI.getInstance();
    exports.metrics = metrics;
  }
});

// node_modules/@opentelemetry/api/dist/propagation/NoopTextMapPropagator.cjs
var require_NoopTextMapPropagator = __commonJS({
  "node_modules/@opentelemetry/api/dist/propagation/NoopTextMapPropagator.cjs"(exports) {
    var NoopTextMapPropagator = class {
      /** Noop inject function does nothing */
      inject(_context, _carrier) {
      }
      /** Noop extract function does nothing and returns the input context */
      extract(context, _carrier) {
        return context;
      }
      fields() {
        return [];
      }
    };
    exports.NoopTextMapPropagator = NoopTextMapPropagator;
  }
});

// node_modules/@opentelemetry/api/dist/baggage/context-helpers.cjs
var require_context_helpers = __commonJS({
  "node_modules/@opentelemetry/api/dist/baggage/context-helpers.cjs"(exports) {
    var require_context3 = require_context();
    var require_context$1 = require_context2();
    var BAGGAGE_KEY = require_context3.createContextKey("OpenTelemetry Baggage Key");
    function getBaggage(context) {
      return context.getValue(BAGGAGE_KEY) || void 0;
    }
    function getActiveBaggage() {
      return getBaggage(require_context$1.ContextAPI.getInstance().active());
    }
    function setBaggage(context, baggage) {
      return context.setValue(BAGGAGE_KEY, baggage);
    }
    function deleteBaggage(context) {
      return context.deleteValue(BAGGAGE_KEY);
    }
    exports.deleteBaggage = deleteBaggage;
    exports.getActiveBaggage = getActiveBaggage;
    exports.getBaggage = getBaggage;
    exports.setBaggage = setBaggage;
  }
});

// node_modules/@opentelemetry/api/dist/api/propagation.cjs
var require_propagation = __commonJS({
  "node_modules/@opentelemetry/api/dist/api/propagation.cjs"(exports) {
    var require_global_utils2 = require_global_utils();
    var require_diag2 = require_diag();
    var require_utils3 = require_utils();
    var require_TextMapPropagator2 = require_TextMapPropagator();
    var require_NoopTextMapPropagator2 = require_NoopTextMapPropagator();
    var require_context_helpers2 = require_context_helpers();
    var API_NAME = "propagation";
    var NOOP_TEXT_MAP_PROPAGATOR = new require_NoopTextMapPropagator2.NoopTextMapPropagator();
    var PropagationAPI = class PropagationAPI2 {
      /** Empty private constructor prevents end users from constructing a new instance of the API */
      constructor() {
        this.createBaggage = require_utils3.createBaggage;
        this.getBaggage = require_context_helpers2.getBaggage;
        this.getActiveBaggage = require_context_helpers2.getActiveBaggage;
        this.setBaggage = require_context_helpers2.setBaggage;
        this.deleteBaggage = require_context_helpers2.deleteBaggage;
      }
      /** Get the singleton instance of the Propagator API */
      static getInstance() {
        if (!this._instance) this._instance = new PropagationAPI2();
        return this._instance;
      }
      /**
      * Set the current propagator.
      *
      * @returns true if the propagator was successfully registered, else false
      */
      setGlobalPropagator(propagator) {
        return require_global_utils2.registerGlobal(API_NAME, propagator, require_diag2.DiagAPI.instance());
      }
      /**
      * Inject context into a carrier to be propagated inter-process
      *
      * @param context Context carrying tracing data to inject
      * @param carrier carrier to inject context into
      * @param setter Function used to set values on the carrier
      */
      inject(context, carrier, setter = require_TextMapPropagator2.defaultTextMapSetter) {
        return this._getGlobalPropagator().inject(context, carrier, setter);
      }
      /**
      * Extract context from a carrier
      *
      * @param context Context which the newly created context will inherit from
      * @param carrier Carrier to extract context from
      * @param getter Function used to extract keys from a carrier
      */
      extract(context, carrier, getter = require_TextMapPropagator2.defaultTextMapGetter) {
        return this._getGlobalPropagator().extract(context, carrier, getter);
      }
      /**
      * Return a list of all fields which may be used by the propagator.
      */
      fields() {
        return this._getGlobalPropagator().fields();
      }
      /** Remove the global propagator */
      disable() {
        require_global_utils2.unregisterGlobal(API_NAME, require_diag2.DiagAPI.instance());
      }
      _getGlobalPropagator() {
        return require_global_utils2.getGlobal(API_NAME) || NOOP_TEXT_MAP_PROPAGATOR;
      }
    };
    exports.PropagationAPI = PropagationAPI;
  }
});

// node_modules/@opentelemetry/api/dist/propagation-api.cjs
var require_propagation_api = __commonJS({
  "node_modules/@opentelemetry/api/dist/propagation-api.cjs"(exports) {
    var propagation = require_propagation().PropagationAPI.getInstance();
    exports.propagation = propagation;
  }
});

// node_modules/@opentelemetry/api/dist/api/trace.cjs
var require_trace = __commonJS({
  "node_modules/@opentelemetry/api/dist/api/trace.cjs"(exports) {
    var require_global_utils2 = require_global_utils();
    var require_diag2 = require_diag();
    var require_context_utils2 = require_context_utils();
    var require_spancontext_utils2 = require_spancontext_utils();
    var require_ProxyTracerProvider2 = require_ProxyTracerProvider();
    var API_NAME = "trace";
    var TraceAPI = class TraceAPI2 {
      /** Empty private constructor prevents end users from constructing a new instance of the API */
      constructor() {
        this._proxyTracerProvider = new require_ProxyTracerProvider2.ProxyTracerProvider();
        this.wrapSpanContext = require_spancontext_utils2.wrapSpanContext;
        this.isSpanContextValid = require_spancontext_utils2.isSpanContextValid;
        this.deleteSpan = require_context_utils2.deleteSpan;
        this.getSpan = require_context_utils2.getSpan;
        this.getActiveSpan = require_context_utils2.getActiveSpan;
        this.getSpanContext = require_context_utils2.getSpanContext;
        this.setSpan = require_context_utils2.setSpan;
        this.setSpanContext = require_context_utils2.setSpanContext;
      }
      /** Get the singleton instance of the Trace API */
      static getInstance() {
        if (!this._instance) this._instance = new TraceAPI2();
        return this._instance;
      }
      /**
      * Set the current global tracer.
      *
      * @returns true if the tracer provider was successfully registered, else false
      */
      setGlobalTracerProvider(provider) {
        const success = require_global_utils2.registerGlobal(API_NAME, this._proxyTracerProvider, require_diag2.DiagAPI.instance());
        if (success) this._proxyTracerProvider.setDelegate(provider);
        return success;
      }
      /**
      * Returns the global tracer provider.
      */
      getTracerProvider() {
        return require_global_utils2.getGlobal(API_NAME) || this._proxyTracerProvider;
      }
      /**
      * Returns a tracer from the global tracer provider.
      */
      getTracer(name, version) {
        return this.getTracerProvider().getTracer(name, version);
      }
      /** Remove the global tracer provider */
      disable() {
        require_global_utils2.unregisterGlobal(API_NAME, require_diag2.DiagAPI.instance());
        this._proxyTracerProvider = new require_ProxyTracerProvider2.ProxyTracerProvider();
      }
    };
    exports.TraceAPI = TraceAPI;
  }
});

// node_modules/@opentelemetry/api/dist/trace-api.cjs
var require_trace_api = __commonJS({
  "node_modules/@opentelemetry/api/dist/trace-api.cjs"(exports) {
    var trace = require_trace().TraceAPI.getInstance();
    exports.trace = trace;
  }
});

// node_modules/@opentelemetry/api/dist/index.cjs
var require_dist = __commonJS({
  "node_modules/@opentelemetry/api/dist/index.cjs"(exports) {
    Object.defineProperties(exports, {
      __esModule: { value: true },
      [Symbol.toStringTag]: { value: "Module" }
    });
    var require_types3 = require_types();
    var require_utils3 = require_utils();
    var require_context3 = require_context();
    var require_consoleLogger2 = require_consoleLogger();
    var require_NoopMeter2 = require_NoopMeter();
    var require_Metric2 = require_Metric();
    var require_NoopLogger2 = require_NoopLogger();
    var require_LogRecord2 = require_LogRecord();
    var require_TextMapPropagator2 = require_TextMapPropagator();
    var require_trace_flags2 = require_trace_flags();
    var require_invalid_span_constants2 = require_invalid_span_constants();
    var require_spancontext_utils2 = require_spancontext_utils();
    var require_ProxyTracer2 = require_ProxyTracer();
    var require_span_kind2 = require_span_kind();
    var require_status2 = require_status();
    var require_utils$1 = require_utils2();
    var require_ProxyTracerProvider2 = require_ProxyTracerProvider();
    var require_SamplingResult2 = require_SamplingResult();
    var require_context_api2 = require_context_api();
    var require_diag_api2 = require_diag_api();
    var require_logs_api2 = require_logs_api();
    var require_metrics_api2 = require_metrics_api();
    var require_propagation_api2 = require_propagation_api();
    var require_trace_api2 = require_trace_api();
    var src_default = {
      context: require_context_api2.context,
      diag: require_diag_api2.diag,
      logs: require_logs_api2.logs,
      metrics: require_metrics_api2.metrics,
      propagation: require_propagation_api2.propagation,
      trace: require_trace_api2.trace
    };
    exports.DiagConsoleLogger = require_consoleLogger2.DiagConsoleLogger;
    exports.DiagLogLevel = require_types3.DiagLogLevel;
    exports.INVALID_SPANID = require_invalid_span_constants2.INVALID_SPANID;
    exports.INVALID_SPAN_CONTEXT = require_invalid_span_constants2.INVALID_SPAN_CONTEXT;
    exports.INVALID_TRACEID = require_invalid_span_constants2.INVALID_TRACEID;
    exports.ProxyTracer = require_ProxyTracer2.ProxyTracer;
    exports.ProxyTracerProvider = require_ProxyTracerProvider2.ProxyTracerProvider;
    exports.ROOT_CONTEXT = require_context3.ROOT_CONTEXT;
    exports.SamplingDecision = require_SamplingResult2.SamplingDecision;
    exports.SeverityNumber = require_LogRecord2.SeverityNumber;
    exports.SpanKind = require_span_kind2.SpanKind;
    exports.SpanStatusCode = require_status2.SpanStatusCode;
    exports.TraceFlags = require_trace_flags2.TraceFlags;
    exports.ValueType = require_Metric2.ValueType;
    exports.baggageEntryMetadataFromString = require_utils3.baggageEntryMetadataFromString;
    exports.context = require_context_api2.context;
    exports.createContextKey = require_context3.createContextKey;
    exports.createNoopLogger = require_NoopLogger2.createNoopLogger;
    exports.createNoopMeter = require_NoopMeter2.createNoopMeter;
    exports.createTraceState = require_utils$1.createTraceState;
    exports.default = src_default;
    exports.defaultTextMapGetter = require_TextMapPropagator2.defaultTextMapGetter;
    exports.defaultTextMapSetter = require_TextMapPropagator2.defaultTextMapSetter;
    exports.diag = require_diag_api2.diag;
    exports.isSpanContextValid = require_spancontext_utils2.isSpanContextValid;
    exports.isValidSpanId = require_spancontext_utils2.isValidSpanId;
    exports.isValidTraceId = require_spancontext_utils2.isValidTraceId;
    exports.logs = require_logs_api2.logs;
    exports.metrics = require_metrics_api2.metrics;
    exports.propagation = require_propagation_api2.propagation;
    exports.trace = require_trace_api2.trace;
  }
});

// node_modules/prom-client/lib/metrics/processCpuTotal.js
var require_processCpuTotal = __commonJS({
  "node_modules/prom-client/lib/metrics/processCpuTotal.js"(exports, module) {
    "use strict";
    var OtelApi = require_dist();
    var Counter5 = require_counter();
    var PROCESS_CPU_USER_SECONDS = "process_cpu_user_seconds_total";
    var PROCESS_CPU_SYSTEM_SECONDS = "process_cpu_system_seconds_total";
    var PROCESS_CPU_SECONDS = "process_cpu_seconds_total";
    module.exports = (registry, config = {}) => {
      const registers = registry ? [registry] : void 0;
      const namePrefix = config.prefix ? config.prefix : "";
      const labels = config.labels ? config.labels : {};
      const exemplars = config.enableExemplars ? config.enableExemplars : false;
      const labelNames = Object.keys(labels);
      let lastCpuUsage = process.cpuUsage();
      const cpuUserUsageCounter = new Counter5({
        name: namePrefix + PROCESS_CPU_USER_SECONDS,
        help: "Total user CPU time spent in seconds.",
        enableExemplars: exemplars,
        registers,
        labelNames,
        // Use this one metric's `collect` to set all metrics' values.
        collect() {
          const cpuUsage = process.cpuUsage();
          const userUsageMicros = cpuUsage.user - lastCpuUsage.user;
          const systemUsageMicros = cpuUsage.system - lastCpuUsage.system;
          lastCpuUsage = cpuUsage;
          if (this.enableExemplars) {
            let exemplarLabels = {};
            const currentSpan = OtelApi.trace.getSpan(OtelApi.context.active());
            if (currentSpan) {
              exemplarLabels = {
                traceId: currentSpan.spanContext().traceId,
                spanId: currentSpan.spanContext().spanId
              };
            }
            cpuUserUsageCounter.inc({
              labels,
              value: userUsageMicros / 1e6,
              exemplarLabels
            });
            cpuSystemUsageCounter.inc({
              labels,
              value: systemUsageMicros / 1e6,
              exemplarLabels
            });
            cpuUsageCounter.inc({
              labels,
              value: (userUsageMicros + systemUsageMicros) / 1e6,
              exemplarLabels
            });
          } else {
            cpuUserUsageCounter.inc(labels, userUsageMicros / 1e6);
            cpuSystemUsageCounter.inc(labels, systemUsageMicros / 1e6);
            cpuUsageCounter.inc(
              labels,
              (userUsageMicros + systemUsageMicros) / 1e6
            );
          }
        }
      });
      const cpuSystemUsageCounter = new Counter5({
        name: namePrefix + PROCESS_CPU_SYSTEM_SECONDS,
        help: "Total system CPU time spent in seconds.",
        enableExemplars: exemplars,
        registers,
        labelNames
      });
      const cpuUsageCounter = new Counter5({
        name: namePrefix + PROCESS_CPU_SECONDS,
        help: "Total user and system CPU time spent in seconds.",
        enableExemplars: exemplars,
        registers,
        labelNames
      });
    };
    module.exports.metricNames = [
      PROCESS_CPU_USER_SECONDS,
      PROCESS_CPU_SYSTEM_SECONDS,
      PROCESS_CPU_SECONDS
    ];
  }
});

// node_modules/prom-client/lib/metrics/processStartTime.js
var require_processStartTime = __commonJS({
  "node_modules/prom-client/lib/metrics/processStartTime.js"(exports, module) {
    "use strict";
    var Gauge6 = require_gauge();
    var startInSeconds = Math.round(Date.now() / 1e3 - process.uptime());
    var PROCESS_START_TIME = "process_start_time_seconds";
    module.exports = (registry, config = {}) => {
      const namePrefix = config.prefix ? config.prefix : "";
      const labels = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels);
      new Gauge6({
        name: namePrefix + PROCESS_START_TIME,
        help: "Start time of the process since unix epoch in seconds.",
        registers: registry ? [registry] : void 0,
        labelNames,
        aggregator: "omit",
        collect() {
          this.set(labels, startInSeconds);
        }
      });
    };
    module.exports.metricNames = [PROCESS_START_TIME];
  }
});

// node_modules/prom-client/lib/metrics/osMemoryHeapLinux.js
var require_osMemoryHeapLinux = __commonJS({
  "node_modules/prom-client/lib/metrics/osMemoryHeapLinux.js"(exports, module) {
    "use strict";
    var Gauge6 = require_gauge();
    var fs = __require("fs");
    var values = ["VmSize", "VmRSS", "VmData"];
    var PROCESS_RESIDENT_MEMORY = "process_resident_memory_bytes";
    var PROCESS_VIRTUAL_MEMORY = "process_virtual_memory_bytes";
    var PROCESS_HEAP = "process_heap_bytes";
    function structureOutput(input) {
      return input.split("\n").reduce((acc, string) => {
        if (!values.some((value2) => string.startsWith(value2))) {
          return acc;
        }
        const split = string.split(":");
        let value = split[1].trim();
        value = value.substr(0, value.length - 3);
        value = Number(value) * 1024;
        acc[split[0]] = value;
        return acc;
      }, {});
    }
    module.exports = (registry, config = {}) => {
      const registers = registry ? [registry] : void 0;
      const namePrefix = config.prefix ? config.prefix : "";
      const labels = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels);
      const residentMemGauge = new Gauge6({
        name: namePrefix + PROCESS_RESIDENT_MEMORY,
        help: "Resident memory size in bytes.",
        registers,
        labelNames,
        // Use this one metric's `collect` to set all metrics' values.
        collect() {
          try {
            const stat = fs.readFileSync("/proc/self/status", "utf8");
            const structuredOutput = structureOutput(stat);
            residentMemGauge.set(labels, structuredOutput.VmRSS);
            virtualMemGauge.set(labels, structuredOutput.VmSize);
            heapSizeMemGauge.set(labels, structuredOutput.VmData);
          } catch {
          }
        }
      });
      const virtualMemGauge = new Gauge6({
        name: namePrefix + PROCESS_VIRTUAL_MEMORY,
        help: "Virtual memory size in bytes.",
        registers,
        labelNames
      });
      const heapSizeMemGauge = new Gauge6({
        name: namePrefix + PROCESS_HEAP,
        help: "Process heap size in bytes.",
        registers,
        labelNames
      });
    };
    module.exports.metricNames = [
      PROCESS_RESIDENT_MEMORY,
      PROCESS_VIRTUAL_MEMORY,
      PROCESS_HEAP
    ];
  }
});

// node_modules/prom-client/lib/metrics/helpers/safeMemoryUsage.js
var require_safeMemoryUsage = __commonJS({
  "node_modules/prom-client/lib/metrics/helpers/safeMemoryUsage.js"(exports, module) {
    "use strict";
    function safeMemoryUsage() {
      try {
        return process.memoryUsage();
      } catch {
        return;
      }
    }
    module.exports = safeMemoryUsage;
  }
});

// node_modules/prom-client/lib/metrics/osMemoryHeap.js
var require_osMemoryHeap = __commonJS({
  "node_modules/prom-client/lib/metrics/osMemoryHeap.js"(exports, module) {
    "use strict";
    var Gauge6 = require_gauge();
    var linuxVariant = require_osMemoryHeapLinux();
    var safeMemoryUsage = require_safeMemoryUsage();
    var PROCESS_RESIDENT_MEMORY = "process_resident_memory_bytes";
    function notLinuxVariant(registry, config = {}) {
      const namePrefix = config.prefix ? config.prefix : "";
      const labels = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels);
      new Gauge6({
        name: namePrefix + PROCESS_RESIDENT_MEMORY,
        help: "Resident memory size in bytes.",
        registers: registry ? [registry] : void 0,
        labelNames,
        collect() {
          const memUsage = safeMemoryUsage();
          if (memUsage) {
            this.set(labels, memUsage.rss);
          }
        }
      });
    }
    module.exports = (registry, config) => process.platform === "linux" ? linuxVariant(registry, config) : notLinuxVariant(registry, config);
    module.exports.metricNames = process.platform === "linux" ? linuxVariant.metricNames : [PROCESS_RESIDENT_MEMORY];
  }
});

// node_modules/prom-client/lib/metrics/processOpenFileDescriptors.js
var require_processOpenFileDescriptors = __commonJS({
  "node_modules/prom-client/lib/metrics/processOpenFileDescriptors.js"(exports, module) {
    "use strict";
    var Gauge6 = require_gauge();
    var fs = __require("fs");
    var process3 = __require("process");
    var PROCESS_OPEN_FDS = "process_open_fds";
    module.exports = (registry, config = {}) => {
      if (process3.platform !== "linux") {
        return;
      }
      const namePrefix = config.prefix ? config.prefix : "";
      const labels = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels);
      new Gauge6({
        name: namePrefix + PROCESS_OPEN_FDS,
        help: "Number of open file descriptors.",
        registers: registry ? [registry] : void 0,
        labelNames,
        collect() {
          try {
            const fds = fs.readdirSync("/proc/self/fd");
            this.set(labels, fds.length - 1);
          } catch {
          }
        }
      });
    };
    module.exports.metricNames = [PROCESS_OPEN_FDS];
  }
});

// node_modules/prom-client/lib/metrics/processMaxFileDescriptors.js
var require_processMaxFileDescriptors = __commonJS({
  "node_modules/prom-client/lib/metrics/processMaxFileDescriptors.js"(exports, module) {
    "use strict";
    var Gauge6 = require_gauge();
    var fs = __require("fs");
    var PROCESS_MAX_FDS = "process_max_fds";
    var maxFds;
    module.exports = (registry, config = {}) => {
      if (maxFds === void 0) {
        try {
          const limits = fs.readFileSync("/proc/self/limits", "utf8");
          const lines = limits.split("\n");
          for (const line of lines) {
            if (line.startsWith("Max open files")) {
              const parts = line.split(/  +/);
              maxFds = Number(parts[1]);
              break;
            }
          }
        } catch {
          return;
        }
      }
      if (maxFds === void 0) return;
      const namePrefix = config.prefix ? config.prefix : "";
      const labels = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels);
      new Gauge6({
        name: namePrefix + PROCESS_MAX_FDS,
        help: "Maximum number of open file descriptors.",
        registers: registry ? [registry] : void 0,
        labelNames,
        collect() {
          if (maxFds !== void 0) this.set(labels, maxFds);
        }
      });
    };
    module.exports.metricNames = [PROCESS_MAX_FDS];
  }
});

// node_modules/prom-client/lib/metrics/eventLoopLag.js
var require_eventLoopLag = __commonJS({
  "node_modules/prom-client/lib/metrics/eventLoopLag.js"(exports, module) {
    "use strict";
    var Gauge6 = require_gauge();
    var perf_hooks;
    try {
      perf_hooks = __require("perf_hooks");
    } catch {
    }
    var NODEJS_EVENTLOOP_LAG = "nodejs_eventloop_lag_seconds";
    var NODEJS_EVENTLOOP_LAG_MIN = "nodejs_eventloop_lag_min_seconds";
    var NODEJS_EVENTLOOP_LAG_MAX = "nodejs_eventloop_lag_max_seconds";
    var NODEJS_EVENTLOOP_LAG_MEAN = "nodejs_eventloop_lag_mean_seconds";
    var NODEJS_EVENTLOOP_LAG_STDDEV = "nodejs_eventloop_lag_stddev_seconds";
    var NODEJS_EVENTLOOP_LAG_P50 = "nodejs_eventloop_lag_p50_seconds";
    var NODEJS_EVENTLOOP_LAG_P90 = "nodejs_eventloop_lag_p90_seconds";
    var NODEJS_EVENTLOOP_LAG_P99 = "nodejs_eventloop_lag_p99_seconds";
    function reportEventloopLag(start, gauge, labels) {
      const delta = process.hrtime(start);
      const nanosec = delta[0] * 1e9 + delta[1];
      const seconds2 = nanosec / 1e9;
      gauge.set(labels, seconds2);
    }
    module.exports = (registry, config = {}) => {
      const namePrefix = config.prefix ? config.prefix : "";
      const labels = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels);
      const registers = registry ? [registry] : void 0;
      let collect = () => {
        const start = process.hrtime();
        setImmediate(reportEventloopLag, start, lag, labels);
      };
      if (perf_hooks && perf_hooks.monitorEventLoopDelay) {
        try {
          const histogram = perf_hooks.monitorEventLoopDelay({
            resolution: config.eventLoopMonitoringPrecision
          });
          histogram.enable();
          collect = () => {
            const start = process.hrtime();
            setImmediate(reportEventloopLag, start, lag, labels);
            lagMin.set(labels, histogram.min / 1e9);
            lagMax.set(labels, histogram.max / 1e9);
            lagMean.set(labels, histogram.mean / 1e9);
            lagStddev.set(labels, histogram.stddev / 1e9);
            lagP50.set(labels, histogram.percentile(50) / 1e9);
            lagP90.set(labels, histogram.percentile(90) / 1e9);
            lagP99.set(labels, histogram.percentile(99) / 1e9);
            histogram.reset();
          };
        } catch (e) {
          if (e.code === "ERR_NOT_IMPLEMENTED") {
            return;
          }
          throw e;
        }
      }
      const lag = new Gauge6({
        name: namePrefix + NODEJS_EVENTLOOP_LAG,
        help: "Lag of event loop in seconds.",
        registers,
        labelNames,
        aggregator: "average",
        // Use this one metric's `collect` to set all metrics' values.
        collect
      });
      const lagMin = new Gauge6({
        name: namePrefix + NODEJS_EVENTLOOP_LAG_MIN,
        help: "The minimum recorded event loop delay.",
        registers,
        labelNames,
        aggregator: "min"
      });
      const lagMax = new Gauge6({
        name: namePrefix + NODEJS_EVENTLOOP_LAG_MAX,
        help: "The maximum recorded event loop delay.",
        registers,
        labelNames,
        aggregator: "max"
      });
      const lagMean = new Gauge6({
        name: namePrefix + NODEJS_EVENTLOOP_LAG_MEAN,
        help: "The mean of the recorded event loop delays.",
        registers,
        labelNames,
        aggregator: "average"
      });
      const lagStddev = new Gauge6({
        name: namePrefix + NODEJS_EVENTLOOP_LAG_STDDEV,
        help: "The standard deviation of the recorded event loop delays.",
        registers,
        labelNames,
        aggregator: "average"
      });
      const lagP50 = new Gauge6({
        name: namePrefix + NODEJS_EVENTLOOP_LAG_P50,
        help: "The 50th percentile of the recorded event loop delays.",
        registers,
        labelNames,
        aggregator: "average"
      });
      const lagP90 = new Gauge6({
        name: namePrefix + NODEJS_EVENTLOOP_LAG_P90,
        help: "The 90th percentile of the recorded event loop delays.",
        registers,
        labelNames,
        aggregator: "average"
      });
      const lagP99 = new Gauge6({
        name: namePrefix + NODEJS_EVENTLOOP_LAG_P99,
        help: "The 99th percentile of the recorded event loop delays.",
        registers,
        labelNames,
        aggregator: "average"
      });
    };
    module.exports.metricNames = [
      NODEJS_EVENTLOOP_LAG,
      NODEJS_EVENTLOOP_LAG_MIN,
      NODEJS_EVENTLOOP_LAG_MAX,
      NODEJS_EVENTLOOP_LAG_MEAN,
      NODEJS_EVENTLOOP_LAG_STDDEV,
      NODEJS_EVENTLOOP_LAG_P50,
      NODEJS_EVENTLOOP_LAG_P90,
      NODEJS_EVENTLOOP_LAG_P99
    ];
  }
});

// node_modules/prom-client/lib/metrics/helpers/processMetricsHelpers.js
var require_processMetricsHelpers = __commonJS({
  "node_modules/prom-client/lib/metrics/helpers/processMetricsHelpers.js"(exports, module) {
    "use strict";
    function aggregateByObjectName(list) {
      const data = {};
      for (let i = 0; i < list.length; i++) {
        const listElement = list[i];
        if (!listElement || typeof listElement.constructor === "undefined") {
          continue;
        }
        if (Object.hasOwnProperty.call(data, listElement.constructor.name)) {
          data[listElement.constructor.name] += 1;
        } else {
          data[listElement.constructor.name] = 1;
        }
      }
      return data;
    }
    function updateMetrics(gauge, data, labels) {
      gauge.reset();
      for (const key in data) {
        gauge.set(Object.assign({ type: key }, labels || {}), data[key]);
      }
    }
    module.exports = {
      aggregateByObjectName,
      updateMetrics
    };
  }
});

// node_modules/prom-client/lib/metrics/processHandles.js
var require_processHandles = __commonJS({
  "node_modules/prom-client/lib/metrics/processHandles.js"(exports, module) {
    "use strict";
    var { aggregateByObjectName } = require_processMetricsHelpers();
    var { updateMetrics } = require_processMetricsHelpers();
    var Gauge6 = require_gauge();
    var NODEJS_ACTIVE_HANDLES = "nodejs_active_handles";
    var NODEJS_ACTIVE_HANDLES_TOTAL = "nodejs_active_handles_total";
    module.exports = (registry, config = {}) => {
      if (typeof process._getActiveHandles !== "function") {
        return;
      }
      const registers = registry ? [registry] : void 0;
      const namePrefix = config.prefix ? config.prefix : "";
      const labels = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels);
      new Gauge6({
        name: namePrefix + NODEJS_ACTIVE_HANDLES,
        help: "Number of active libuv handles grouped by handle type. Every handle type is C++ class name.",
        labelNames: ["type", ...labelNames],
        registers,
        collect() {
          const handles = process._getActiveHandles();
          updateMetrics(this, aggregateByObjectName(handles), labels);
        }
      });
      new Gauge6({
        name: namePrefix + NODEJS_ACTIVE_HANDLES_TOTAL,
        help: "Total number of active handles.",
        registers,
        labelNames,
        collect() {
          const handles = process._getActiveHandles();
          this.set(labels, handles.length);
        }
      });
    };
    module.exports.metricNames = [
      NODEJS_ACTIVE_HANDLES,
      NODEJS_ACTIVE_HANDLES_TOTAL
    ];
  }
});

// node_modules/prom-client/lib/metrics/processRequests.js
var require_processRequests = __commonJS({
  "node_modules/prom-client/lib/metrics/processRequests.js"(exports, module) {
    "use strict";
    var Gauge6 = require_gauge();
    var { aggregateByObjectName } = require_processMetricsHelpers();
    var { updateMetrics } = require_processMetricsHelpers();
    var NODEJS_ACTIVE_REQUESTS = "nodejs_active_requests";
    var NODEJS_ACTIVE_REQUESTS_TOTAL = "nodejs_active_requests_total";
    module.exports = (registry, config = {}) => {
      if (typeof process._getActiveRequests !== "function") {
        return;
      }
      const namePrefix = config.prefix ? config.prefix : "";
      const labels = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels);
      new Gauge6({
        name: namePrefix + NODEJS_ACTIVE_REQUESTS,
        help: "Number of active libuv requests grouped by request type. Every request type is C++ class name.",
        labelNames: ["type", ...labelNames],
        registers: registry ? [registry] : void 0,
        collect() {
          const requests = process._getActiveRequests();
          updateMetrics(this, aggregateByObjectName(requests), labels);
        }
      });
      new Gauge6({
        name: namePrefix + NODEJS_ACTIVE_REQUESTS_TOTAL,
        help: "Total number of active requests.",
        registers: registry ? [registry] : void 0,
        labelNames,
        collect() {
          const requests = process._getActiveRequests();
          this.set(labels, requests.length);
        }
      });
    };
    module.exports.metricNames = [
      NODEJS_ACTIVE_REQUESTS,
      NODEJS_ACTIVE_REQUESTS_TOTAL
    ];
  }
});

// node_modules/prom-client/lib/metrics/processResources.js
var require_processResources = __commonJS({
  "node_modules/prom-client/lib/metrics/processResources.js"(exports, module) {
    "use strict";
    var Gauge6 = require_gauge();
    var { updateMetrics } = require_processMetricsHelpers();
    var NODEJS_ACTIVE_RESOURCES = "nodejs_active_resources";
    var NODEJS_ACTIVE_RESOURCES_TOTAL = "nodejs_active_resources_total";
    module.exports = (registry, config = {}) => {
      if (typeof process.getActiveResourcesInfo !== "function") {
        return;
      }
      const namePrefix = config.prefix ? config.prefix : "";
      const labels = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels);
      new Gauge6({
        name: namePrefix + NODEJS_ACTIVE_RESOURCES,
        help: "Number of active resources that are currently keeping the event loop alive, grouped by async resource type.",
        labelNames: ["type", ...labelNames],
        registers: registry ? [registry] : void 0,
        collect() {
          const resources = process.getActiveResourcesInfo();
          const data = {};
          for (let i = 0; i < resources.length; i++) {
            const resource = resources[i];
            if (Object.hasOwn(data, resource)) {
              data[resource] += 1;
            } else {
              data[resource] = 1;
            }
          }
          updateMetrics(this, data, labels);
        }
      });
      new Gauge6({
        name: namePrefix + NODEJS_ACTIVE_RESOURCES_TOTAL,
        help: "Total number of active resources.",
        registers: registry ? [registry] : void 0,
        labelNames,
        collect() {
          const resources = process.getActiveResourcesInfo();
          this.set(labels, resources.length);
        }
      });
    };
    module.exports.metricNames = [
      NODEJS_ACTIVE_RESOURCES,
      NODEJS_ACTIVE_RESOURCES_TOTAL
    ];
  }
});

// node_modules/prom-client/lib/metrics/heapSizeAndUsed.js
var require_heapSizeAndUsed = __commonJS({
  "node_modules/prom-client/lib/metrics/heapSizeAndUsed.js"(exports, module) {
    "use strict";
    var Gauge6 = require_gauge();
    var safeMemoryUsage = require_safeMemoryUsage();
    var NODEJS_HEAP_SIZE_TOTAL = "nodejs_heap_size_total_bytes";
    var NODEJS_HEAP_SIZE_USED = "nodejs_heap_size_used_bytes";
    var NODEJS_EXTERNAL_MEMORY = "nodejs_external_memory_bytes";
    module.exports = (registry, config = {}) => {
      if (typeof process.memoryUsage !== "function") {
        return;
      }
      const labels = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels);
      const registers = registry ? [registry] : void 0;
      const namePrefix = config.prefix ? config.prefix : "";
      const collect = () => {
        const memUsage = safeMemoryUsage();
        if (memUsage) {
          heapSizeTotal.set(labels, memUsage.heapTotal);
          heapSizeUsed.set(labels, memUsage.heapUsed);
          if (memUsage.external !== void 0) {
            externalMemUsed.set(labels, memUsage.external);
          }
        }
      };
      const heapSizeTotal = new Gauge6({
        name: namePrefix + NODEJS_HEAP_SIZE_TOTAL,
        help: "Process heap size from Node.js in bytes.",
        registers,
        labelNames,
        // Use this one metric's `collect` to set all metrics' values.
        collect
      });
      const heapSizeUsed = new Gauge6({
        name: namePrefix + NODEJS_HEAP_SIZE_USED,
        help: "Process heap size used from Node.js in bytes.",
        registers,
        labelNames
      });
      const externalMemUsed = new Gauge6({
        name: namePrefix + NODEJS_EXTERNAL_MEMORY,
        help: "Node.js external memory size in bytes.",
        registers,
        labelNames
      });
    };
    module.exports.metricNames = [
      NODEJS_HEAP_SIZE_TOTAL,
      NODEJS_HEAP_SIZE_USED,
      NODEJS_EXTERNAL_MEMORY
    ];
  }
});

// node_modules/prom-client/lib/metrics/heapSpacesSizeAndUsed.js
var require_heapSpacesSizeAndUsed = __commonJS({
  "node_modules/prom-client/lib/metrics/heapSpacesSizeAndUsed.js"(exports, module) {
    "use strict";
    var Gauge6 = require_gauge();
    var v8 = __require("v8");
    var METRICS = ["total", "used", "available"];
    var NODEJS_HEAP_SIZE = {};
    METRICS.forEach((metricType) => {
      NODEJS_HEAP_SIZE[metricType] = `nodejs_heap_space_size_${metricType}_bytes`;
    });
    module.exports = (registry, config = {}) => {
      try {
        v8.getHeapSpaceStatistics();
      } catch (e) {
        if (e.code === "ERR_NOT_IMPLEMENTED") {
          return;
        }
        throw e;
      }
      const registers = registry ? [registry] : void 0;
      const namePrefix = config.prefix ? config.prefix : "";
      const labels = config.labels ? config.labels : {};
      const labelNames = ["space", ...Object.keys(labels)];
      const gauges = {};
      METRICS.forEach((metricType) => {
        gauges[metricType] = new Gauge6({
          name: namePrefix + NODEJS_HEAP_SIZE[metricType],
          help: `Process heap space size ${metricType} from Node.js in bytes.`,
          labelNames,
          registers
        });
      });
      gauges.total.collect = () => {
        for (const space of v8.getHeapSpaceStatistics()) {
          const spaceName = space.space_name.substr(
            0,
            space.space_name.indexOf("_space")
          );
          gauges.total.set({ space: spaceName, ...labels }, space.space_size);
          gauges.used.set({ space: spaceName, ...labels }, space.space_used_size);
          gauges.available.set(
            { space: spaceName, ...labels },
            space.space_available_size
          );
        }
      };
    };
    module.exports.metricNames = Object.values(NODEJS_HEAP_SIZE);
  }
});

// node_modules/prom-client/lib/metrics/version.js
var require_version2 = __commonJS({
  "node_modules/prom-client/lib/metrics/version.js"(exports, module) {
    "use strict";
    var Gauge6 = require_gauge();
    var version = process.version;
    var versionSegments = version.slice(1).split(".").map(Number);
    var NODE_VERSION_INFO = "nodejs_version_info";
    module.exports = (registry, config = {}) => {
      const namePrefix = config.prefix ? config.prefix : "";
      const labels = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels);
      new Gauge6({
        name: namePrefix + NODE_VERSION_INFO,
        help: "Node.js version info.",
        labelNames: ["version", "major", "minor", "patch", ...labelNames],
        registers: registry ? [registry] : void 0,
        aggregator: "first",
        collect() {
          this.labels(
            version,
            versionSegments[0],
            versionSegments[1],
            versionSegments[2],
            ...Object.values(labels)
          ).set(1);
        }
      });
    };
    module.exports.metricNames = [NODE_VERSION_INFO];
  }
});

// node_modules/prom-client/lib/metrics/gc.js
var require_gc = __commonJS({
  "node_modules/prom-client/lib/metrics/gc.js"(exports, module) {
    "use strict";
    var Histogram5 = require_histogram();
    var perf_hooks;
    try {
      perf_hooks = __require("perf_hooks");
    } catch {
    }
    var NODEJS_GC_DURATION_SECONDS = "nodejs_gc_duration_seconds";
    var DEFAULT_GC_DURATION_BUCKETS = [1e-3, 0.01, 0.1, 1, 2, 5];
    var kinds = [];
    if (perf_hooks && perf_hooks.constants) {
      kinds[perf_hooks.constants.NODE_PERFORMANCE_GC_MAJOR] = "major";
      kinds[perf_hooks.constants.NODE_PERFORMANCE_GC_MINOR] = "minor";
      kinds[perf_hooks.constants.NODE_PERFORMANCE_GC_INCREMENTAL] = "incremental";
      kinds[perf_hooks.constants.NODE_PERFORMANCE_GC_WEAKCB] = "weakcb";
    }
    module.exports = (registry, config = {}) => {
      if (!perf_hooks) {
        return;
      }
      const namePrefix = config.prefix ? config.prefix : "";
      const labels = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels);
      const buckets = config.gcDurationBuckets ? config.gcDurationBuckets : DEFAULT_GC_DURATION_BUCKETS;
      const gcHistogram = new Histogram5({
        name: namePrefix + NODEJS_GC_DURATION_SECONDS,
        help: "Garbage collection duration by kind, one of major, minor, incremental or weakcb.",
        labelNames: ["kind", ...labelNames],
        enableExemplars: false,
        buckets,
        registers: registry ? [registry] : void 0
      });
      const obs = new perf_hooks.PerformanceObserver((list) => {
        const entry = list.getEntries()[0];
        const kind = entry.detail ? kinds[entry.detail.kind] : kinds[entry.kind];
        gcHistogram.observe(Object.assign({ kind }, labels), entry.duration / 1e3);
      });
      obs.observe({ entryTypes: ["gc"] });
    };
    module.exports.metricNames = [NODEJS_GC_DURATION_SECONDS];
  }
});

// node_modules/prom-client/lib/defaultMetrics.js
var require_defaultMetrics = __commonJS({
  "node_modules/prom-client/lib/defaultMetrics.js"(exports, module) {
    "use strict";
    var { isObject: isObject2 } = require_util();
    var processCpuTotal = require_processCpuTotal();
    var processStartTime = require_processStartTime();
    var osMemoryHeap = require_osMemoryHeap();
    var processOpenFileDescriptors = require_processOpenFileDescriptors();
    var processMaxFileDescriptors = require_processMaxFileDescriptors();
    var eventLoopLag = require_eventLoopLag();
    var processHandles = require_processHandles();
    var processRequests = require_processRequests();
    var processResources = require_processResources();
    var heapSizeAndUsed = require_heapSizeAndUsed();
    var heapSpacesSizeAndUsed = require_heapSpacesSizeAndUsed();
    var version = require_version2();
    var gc = require_gc();
    var metrics = {
      processCpuTotal,
      processStartTime,
      osMemoryHeap,
      processOpenFileDescriptors,
      processMaxFileDescriptors,
      eventLoopLag,
      ...typeof process.getActiveResourcesInfo === "function" ? { processResources } : {},
      processHandles,
      processRequests,
      heapSizeAndUsed,
      heapSpacesSizeAndUsed,
      version,
      gc
    };
    var metricsList = Object.keys(metrics);
    module.exports = function collectDefaultMetrics2(config) {
      if (config !== null && config !== void 0 && !isObject2(config)) {
        throw new TypeError("config must be null, undefined, or an object");
      }
      config = { eventLoopMonitoringPrecision: 10, ...config };
      for (const metric of Object.values(metrics)) {
        metric(config.register, config);
      }
    };
    module.exports.metricsList = metricsList;
  }
});

// node_modules/prom-client/lib/metricAggregators.js
var require_metricAggregators = __commonJS({
  "node_modules/prom-client/lib/metricAggregators.js"(exports) {
    "use strict";
    var { Grouper, hashObject } = require_util();
    function AggregatorFactory(aggregatorFn) {
      return (metrics) => {
        if (metrics.length === 0) return;
        const result = {
          help: metrics[0].help,
          name: metrics[0].name,
          type: metrics[0].type,
          values: [],
          aggregator: metrics[0].aggregator
        };
        const byLabels = new Grouper();
        metrics.forEach((metric) => {
          metric.values.forEach((value) => {
            const key = hashObject(value.labels);
            byLabels.add(`${value.metricName}_${key}`, value);
          });
        });
        byLabels.forEach((values) => {
          if (values.length === 0) return;
          const valObj = {
            value: aggregatorFn(values),
            labels: values[0].labels
          };
          if (values[0].metricName) {
            valObj.metricName = values[0].metricName;
          }
          result.values.push(valObj);
        });
        return result;
      };
    }
    exports.AggregatorFactory = AggregatorFactory;
    exports.aggregators = {
      /**
       * @return The sum of values.
       */
      sum: AggregatorFactory((v) => v.reduce((p, c) => p + c.value, 0)),
      /**
       * @return The first value.
       */
      first: AggregatorFactory((v) => v[0].value),
      /**
       * @return {undefined} Undefined; omits the metric.
       */
      omit: () => {
      },
      /**
       * @return The arithmetic mean of the values.
       */
      average: AggregatorFactory(
        (v) => v.reduce((p, c) => p + c.value, 0) / v.length
      ),
      /**
       * @return The minimum of the values.
       */
      min: AggregatorFactory(
        (v) => v.reduce((p, c) => Math.min(p, c.value), Infinity)
      ),
      /**
       * @return The maximum of the values.
       */
      max: AggregatorFactory(
        (v) => v.reduce((p, c) => Math.max(p, c.value), -Infinity)
      )
    };
  }
});

// node_modules/prom-client/lib/cluster.js
var require_cluster = __commonJS({
  "node_modules/prom-client/lib/cluster.js"(exports, module) {
    "use strict";
    var Registry2 = require_registry();
    var { Grouper } = require_util();
    var { aggregators } = require_metricAggregators();
    var cluster = () => {
      const data = __require("cluster");
      cluster = () => data;
      return data;
    };
    var GET_METRICS_REQ = "prom-client:getMetricsReq";
    var GET_METRICS_RES = "prom-client:getMetricsRes";
    var registries = [Registry2.globalRegistry];
    var requestCtr = 0;
    var listenersAdded = false;
    var requests = /* @__PURE__ */ new Map();
    var AggregatorRegistry = class extends Registry2 {
      constructor(regContentType = Registry2.PROMETHEUS_CONTENT_TYPE) {
        super(regContentType);
        addListeners();
      }
      /**
       * Gets aggregated metrics for all workers. The optional callback and
       * returned Promise resolve with the same value; either may be used.
       * @return {Promise<string>} Promise that resolves with the aggregated
       *   metrics.
       */
      clusterMetrics() {
        const requestId = requestCtr++;
        return new Promise((resolve, reject) => {
          let settled = false;
          function done(err, result) {
            if (settled) return;
            settled = true;
            if (err) reject(err);
            else resolve(result);
          }
          const request = {
            responses: [],
            pending: 0,
            done,
            errorTimeout: setTimeout(() => {
              const err = new Error("Operation timed out.");
              request.done(err);
            }, 5e3)
          };
          requests.set(requestId, request);
          const message = {
            type: GET_METRICS_REQ,
            requestId
          };
          for (const id in cluster().workers) {
            if (cluster().workers[id].isConnected()) {
              cluster().workers[id].send(message);
              request.pending++;
            }
          }
          if (request.pending === 0) {
            clearTimeout(request.errorTimeout);
            process.nextTick(() => done(null, ""));
          }
        });
      }
      get contentType() {
        return super.contentType;
      }
      /**
       * Creates a new Registry instance from an array of metrics that were
       * created by `registry.getMetricsAsJSON()`. Metrics are aggregated using
       * the method specified by their `aggregator` property, or by summation if
       * `aggregator` is undefined.
       * @param {Array} metricsArr Array of metrics, each of which created by
       *   `registry.getMetricsAsJSON()`.
       * @param {string} registryType content type of the new registry. Defaults
       * to PROMETHEUS_CONTENT_TYPE.
       * @return {Registry} aggregated registry.
       */
      static aggregate(metricsArr, registryType = Registry2.PROMETHEUS_CONTENT_TYPE) {
        const aggregatedRegistry = new Registry2();
        const metricsByName = new Grouper();
        aggregatedRegistry.setContentType(registryType);
        metricsArr.forEach((metrics) => {
          metrics.forEach((metric) => {
            metricsByName.add(metric.name, metric);
          });
        });
        metricsByName.forEach((metrics) => {
          const aggregatorName = metrics[0].aggregator;
          const aggregatorFn = aggregators[aggregatorName];
          if (typeof aggregatorFn !== "function") {
            throw new Error(`'${aggregatorName}' is not a defined aggregator.`);
          }
          const aggregatedMetric = aggregatorFn(metrics);
          if (aggregatedMetric) {
            const aggregatedMetricWrapper = Object.assign(
              {
                get: () => aggregatedMetric
              },
              aggregatedMetric
            );
            aggregatedRegistry.registerMetric(aggregatedMetricWrapper);
          }
        });
        return aggregatedRegistry;
      }
      /**
       * Sets the registry or registries to be aggregated. Call from workers to
       * use a registry/registries other than the default global registry.
       * @param {Array<Registry>|Registry} regs Registry or registries to be
       *   aggregated.
       * @return {void}
       */
      static setRegistries(regs) {
        if (!Array.isArray(regs)) regs = [regs];
        regs.forEach((reg) => {
          if (!(reg instanceof Registry2)) {
            throw new TypeError(`Expected Registry, got ${typeof reg}`);
          }
        });
        registries = regs;
      }
    };
    function addListeners() {
      if (listenersAdded) return;
      listenersAdded = true;
      if (cluster().isMaster) {
        cluster().on("message", (worker, message) => {
          if (message.type === GET_METRICS_RES) {
            const request = requests.get(message.requestId);
            if (message.error) {
              request.done(new Error(message.error));
              return;
            }
            message.metrics.forEach((registry) => request.responses.push(registry));
            request.pending--;
            if (request.pending === 0) {
              requests.delete(message.requestId);
              clearTimeout(request.errorTimeout);
              const registry = AggregatorRegistry.aggregate(request.responses);
              const promString = registry.metrics();
              request.done(null, promString);
            }
          }
        });
      }
      if (cluster().isWorker) {
        process.on("message", (message) => {
          if (message.type === GET_METRICS_REQ) {
            Promise.all(registries.map((r) => r.getMetricsAsJSON())).then((metrics) => {
              process.send({
                type: GET_METRICS_RES,
                requestId: message.requestId,
                metrics
              });
            }).catch((error) => {
              process.send({
                type: GET_METRICS_RES,
                requestId: message.requestId,
                error: error.message
              });
            });
          }
        });
      }
    }
    module.exports = AggregatorRegistry;
  }
});

// node_modules/prom-client/index.js
var require_prom_client = __commonJS({
  "node_modules/prom-client/index.js"(exports) {
    "use strict";
    exports.register = require_registry().globalRegistry;
    exports.Registry = require_registry();
    Object.defineProperty(exports, "contentType", {
      configurable: false,
      enumerable: true,
      get() {
        return exports.register.contentType;
      },
      set(value) {
        exports.register.setContentType(value);
      }
    });
    exports.prometheusContentType = exports.Registry.PROMETHEUS_CONTENT_TYPE;
    exports.openMetricsContentType = exports.Registry.OPENMETRICS_CONTENT_TYPE;
    exports.validateMetricName = require_validation().validateMetricName;
    exports.Counter = require_counter();
    exports.Gauge = require_gauge();
    exports.Histogram = require_histogram();
    exports.Summary = require_summary();
    exports.Pushgateway = require_pushgateway();
    exports.linearBuckets = require_bucketGenerators().linearBuckets;
    exports.exponentialBuckets = require_bucketGenerators().exponentialBuckets;
    exports.collectDefaultMetrics = require_defaultMetrics();
    exports.aggregators = require_metricAggregators().aggregators;
    exports.AggregatorRegistry = require_cluster();
  }
});

// node_modules/dns-packet/types.js
var require_types2 = __commonJS({
  "node_modules/dns-packet/types.js"(exports) {
    "use strict";
    exports.toString = function(type) {
      switch (type) {
        case 1:
          return "A";
        case 10:
          return "NULL";
        case 28:
          return "AAAA";
        case 18:
          return "AFSDB";
        case 42:
          return "APL";
        case 257:
          return "CAA";
        case 60:
          return "CDNSKEY";
        case 59:
          return "CDS";
        case 37:
          return "CERT";
        case 5:
          return "CNAME";
        case 49:
          return "DHCID";
        case 32769:
          return "DLV";
        case 39:
          return "DNAME";
        case 48:
          return "DNSKEY";
        case 43:
          return "DS";
        case 55:
          return "HIP";
        case 13:
          return "HINFO";
        case 45:
          return "IPSECKEY";
        case 25:
          return "KEY";
        case 36:
          return "KX";
        case 29:
          return "LOC";
        case 15:
          return "MX";
        case 35:
          return "NAPTR";
        case 2:
          return "NS";
        case 47:
          return "NSEC";
        case 50:
          return "NSEC3";
        case 51:
          return "NSEC3PARAM";
        case 12:
          return "PTR";
        case 46:
          return "RRSIG";
        case 17:
          return "RP";
        case 24:
          return "SIG";
        case 6:
          return "SOA";
        case 99:
          return "SPF";
        case 33:
          return "SRV";
        case 44:
          return "SSHFP";
        case 32768:
          return "TA";
        case 249:
          return "TKEY";
        case 52:
          return "TLSA";
        case 250:
          return "TSIG";
        case 16:
          return "TXT";
        case 252:
          return "AXFR";
        case 251:
          return "IXFR";
        case 41:
          return "OPT";
        case 255:
          return "ANY";
      }
      return "UNKNOWN_" + type;
    };
    exports.toType = function(name) {
      switch (name.toUpperCase()) {
        case "A":
          return 1;
        case "NULL":
          return 10;
        case "AAAA":
          return 28;
        case "AFSDB":
          return 18;
        case "APL":
          return 42;
        case "CAA":
          return 257;
        case "CDNSKEY":
          return 60;
        case "CDS":
          return 59;
        case "CERT":
          return 37;
        case "CNAME":
          return 5;
        case "DHCID":
          return 49;
        case "DLV":
          return 32769;
        case "DNAME":
          return 39;
        case "DNSKEY":
          return 48;
        case "DS":
          return 43;
        case "HIP":
          return 55;
        case "HINFO":
          return 13;
        case "IPSECKEY":
          return 45;
        case "KEY":
          return 25;
        case "KX":
          return 36;
        case "LOC":
          return 29;
        case "MX":
          return 15;
        case "NAPTR":
          return 35;
        case "NS":
          return 2;
        case "NSEC":
          return 47;
        case "NSEC3":
          return 50;
        case "NSEC3PARAM":
          return 51;
        case "PTR":
          return 12;
        case "RRSIG":
          return 46;
        case "RP":
          return 17;
        case "SIG":
          return 24;
        case "SOA":
          return 6;
        case "SPF":
          return 99;
        case "SRV":
          return 33;
        case "SSHFP":
          return 44;
        case "TA":
          return 32768;
        case "TKEY":
          return 249;
        case "TLSA":
          return 52;
        case "TSIG":
          return 250;
        case "TXT":
          return 16;
        case "AXFR":
          return 252;
        case "IXFR":
          return 251;
        case "OPT":
          return 41;
        case "ANY":
          return 255;
        case "*":
          return 255;
      }
      if (name.toUpperCase().startsWith("UNKNOWN_")) return parseInt(name.slice(8));
      return 0;
    };
  }
});

// node_modules/dns-packet/rcodes.js
var require_rcodes = __commonJS({
  "node_modules/dns-packet/rcodes.js"(exports) {
    "use strict";
    exports.toString = function(rcode) {
      switch (rcode) {
        case 0:
          return "NOERROR";
        case 1:
          return "FORMERR";
        case 2:
          return "SERVFAIL";
        case 3:
          return "NXDOMAIN";
        case 4:
          return "NOTIMP";
        case 5:
          return "REFUSED";
        case 6:
          return "YXDOMAIN";
        case 7:
          return "YXRRSET";
        case 8:
          return "NXRRSET";
        case 9:
          return "NOTAUTH";
        case 10:
          return "NOTZONE";
        case 11:
          return "RCODE_11";
        case 12:
          return "RCODE_12";
        case 13:
          return "RCODE_13";
        case 14:
          return "RCODE_14";
        case 15:
          return "RCODE_15";
      }
      return "RCODE_" + rcode;
    };
    exports.toRcode = function(code2) {
      switch (code2.toUpperCase()) {
        case "NOERROR":
          return 0;
        case "FORMERR":
          return 1;
        case "SERVFAIL":
          return 2;
        case "NXDOMAIN":
          return 3;
        case "NOTIMP":
          return 4;
        case "REFUSED":
          return 5;
        case "YXDOMAIN":
          return 6;
        case "YXRRSET":
          return 7;
        case "NXRRSET":
          return 8;
        case "NOTAUTH":
          return 9;
        case "NOTZONE":
          return 10;
        case "RCODE_11":
          return 11;
        case "RCODE_12":
          return 12;
        case "RCODE_13":
          return 13;
        case "RCODE_14":
          return 14;
        case "RCODE_15":
          return 15;
      }
      return 0;
    };
  }
});

// node_modules/dns-packet/opcodes.js
var require_opcodes = __commonJS({
  "node_modules/dns-packet/opcodes.js"(exports) {
    "use strict";
    exports.toString = function(opcode) {
      switch (opcode) {
        case 0:
          return "QUERY";
        case 1:
          return "IQUERY";
        case 2:
          return "STATUS";
        case 3:
          return "OPCODE_3";
        case 4:
          return "NOTIFY";
        case 5:
          return "UPDATE";
        case 6:
          return "OPCODE_6";
        case 7:
          return "OPCODE_7";
        case 8:
          return "OPCODE_8";
        case 9:
          return "OPCODE_9";
        case 10:
          return "OPCODE_10";
        case 11:
          return "OPCODE_11";
        case 12:
          return "OPCODE_12";
        case 13:
          return "OPCODE_13";
        case 14:
          return "OPCODE_14";
        case 15:
          return "OPCODE_15";
      }
      return "OPCODE_" + opcode;
    };
    exports.toOpcode = function(code2) {
      switch (code2.toUpperCase()) {
        case "QUERY":
          return 0;
        case "IQUERY":
          return 1;
        case "STATUS":
          return 2;
        case "OPCODE_3":
          return 3;
        case "NOTIFY":
          return 4;
        case "UPDATE":
          return 5;
        case "OPCODE_6":
          return 6;
        case "OPCODE_7":
          return 7;
        case "OPCODE_8":
          return 8;
        case "OPCODE_9":
          return 9;
        case "OPCODE_10":
          return 10;
        case "OPCODE_11":
          return 11;
        case "OPCODE_12":
          return 12;
        case "OPCODE_13":
          return 13;
        case "OPCODE_14":
          return 14;
        case "OPCODE_15":
          return 15;
      }
      return 0;
    };
  }
});

// node_modules/dns-packet/classes.js
var require_classes = __commonJS({
  "node_modules/dns-packet/classes.js"(exports) {
    "use strict";
    exports.toString = function(klass) {
      switch (klass) {
        case 1:
          return "IN";
        case 2:
          return "CS";
        case 3:
          return "CH";
        case 4:
          return "HS";
        case 255:
          return "ANY";
      }
      return "UNKNOWN_" + klass;
    };
    exports.toClass = function(name) {
      switch (name.toUpperCase()) {
        case "IN":
          return 1;
        case "CS":
          return 2;
        case "CH":
          return 3;
        case "HS":
          return 4;
        case "ANY":
          return 255;
      }
      return 0;
    };
  }
});

// node_modules/dns-packet/optioncodes.js
var require_optioncodes = __commonJS({
  "node_modules/dns-packet/optioncodes.js"(exports) {
    "use strict";
    exports.toString = function(type) {
      switch (type) {
        // list at
        // https://www.iana.org/assignments/dns-parameters/dns-parameters.xhtml#dns-parameters-11
        case 1:
          return "LLQ";
        case 2:
          return "UL";
        case 3:
          return "NSID";
        case 5:
          return "DAU";
        case 6:
          return "DHU";
        case 7:
          return "N3U";
        case 8:
          return "CLIENT_SUBNET";
        case 9:
          return "EXPIRE";
        case 10:
          return "COOKIE";
        case 11:
          return "TCP_KEEPALIVE";
        case 12:
          return "PADDING";
        case 13:
          return "CHAIN";
        case 14:
          return "KEY_TAG";
        case 26946:
          return "DEVICEID";
      }
      if (type < 0) {
        return null;
      }
      return `OPTION_${type}`;
    };
    exports.toCode = function(name) {
      if (typeof name === "number") {
        return name;
      }
      if (!name) {
        return -1;
      }
      switch (name.toUpperCase()) {
        case "OPTION_0":
          return 0;
        case "LLQ":
          return 1;
        case "UL":
          return 2;
        case "NSID":
          return 3;
        case "OPTION_4":
          return 4;
        case "DAU":
          return 5;
        case "DHU":
          return 6;
        case "N3U":
          return 7;
        case "CLIENT_SUBNET":
          return 8;
        case "EXPIRE":
          return 9;
        case "COOKIE":
          return 10;
        case "TCP_KEEPALIVE":
          return 11;
        case "PADDING":
          return 12;
        case "CHAIN":
          return 13;
        case "KEY_TAG":
          return 14;
        case "DEVICEID":
          return 26946;
        case "OPTION_65535":
          return 65535;
      }
      const m = name.match(/_(\d+)$/);
      if (m) {
        return parseInt(m[1], 10);
      }
      return -1;
    };
  }
});

// node_modules/@leichtgewicht/ip-codec/index.cjs
var require_ip_codec = __commonJS({
  "node_modules/@leichtgewicht/ip-codec/index.cjs"(exports, module) {
    var ipCodec = (function(exports2) {
      "use strict";
      Object.defineProperty(exports2, "__esModule", {
        value: true
      });
      exports2.decode = decode;
      exports2.encode = encode;
      exports2.familyOf = familyOf;
      exports2.name = void 0;
      exports2.sizeOf = sizeOf;
      exports2.v6 = exports2.v4 = void 0;
      const v4Regex = /^(\d{1,3}\.){3,3}\d{1,3}$/;
      const v4Size = 4;
      const v6Regex = /^(::)?(((\d{1,3}\.){3}(\d{1,3}){1})?([0-9a-f]){0,4}:{0,2}){1,8}(::)?$/i;
      const v6Size = 16;
      const v4 = {
        name: "v4",
        size: v4Size,
        isFormat: (ip) => v4Regex.test(ip),
        encode(ip, buff, offset) {
          offset = ~~offset;
          buff = buff || new Uint8Array(offset + v4Size);
          const max = ip.length;
          let n = 0;
          for (let i = 0; i < max; ) {
            const c = ip.charCodeAt(i++);
            if (c === 46) {
              buff[offset++] = n;
              n = 0;
            } else {
              n = n * 10 + (c - 48);
            }
          }
          buff[offset] = n;
          return buff;
        },
        decode(buff, offset) {
          offset = ~~offset;
          return `${buff[offset++]}.${buff[offset++]}.${buff[offset++]}.${buff[offset]}`;
        }
      };
      exports2.v4 = v4;
      const v6 = {
        name: "v6",
        size: v6Size,
        isFormat: (ip) => ip.length > 0 && v6Regex.test(ip),
        encode(ip, buff, offset) {
          offset = ~~offset;
          let end = offset + v6Size;
          let fill = -1;
          let hexN = 0;
          let decN = 0;
          let prevColon = true;
          let useDec = false;
          buff = buff || new Uint8Array(offset + v6Size);
          for (let i = 0; i < ip.length; i++) {
            let c = ip.charCodeAt(i);
            if (c === 58) {
              if (prevColon) {
                if (fill !== -1) {
                  if (offset < end) buff[offset] = 0;
                  if (offset < end - 1) buff[offset + 1] = 0;
                  offset += 2;
                } else if (offset < end) {
                  fill = offset;
                }
              } else {
                if (useDec === true) {
                  if (offset < end) buff[offset] = decN;
                  offset++;
                } else {
                  if (offset < end) buff[offset] = hexN >> 8;
                  if (offset < end - 1) buff[offset + 1] = hexN & 255;
                  offset += 2;
                }
                hexN = 0;
                decN = 0;
              }
              prevColon = true;
              useDec = false;
            } else if (c === 46) {
              if (offset < end) buff[offset] = decN;
              offset++;
              decN = 0;
              hexN = 0;
              prevColon = false;
              useDec = true;
            } else {
              prevColon = false;
              if (c >= 97) {
                c -= 87;
              } else if (c >= 65) {
                c -= 55;
              } else {
                c -= 48;
                decN = decN * 10 + c;
              }
              hexN = (hexN << 4) + c;
            }
          }
          if (prevColon === false) {
            if (useDec === true) {
              if (offset < end) buff[offset] = decN;
              offset++;
            } else {
              if (offset < end) buff[offset] = hexN >> 8;
              if (offset < end - 1) buff[offset + 1] = hexN & 255;
              offset += 2;
            }
          } else if (fill === 0) {
            if (offset < end) buff[offset] = 0;
            if (offset < end - 1) buff[offset + 1] = 0;
            offset += 2;
          } else if (fill !== -1) {
            offset += 2;
            for (let i = Math.min(offset - 1, end - 1); i >= fill + 2; i--) {
              buff[i] = buff[i - 2];
            }
            buff[fill] = 0;
            buff[fill + 1] = 0;
            fill = offset;
          }
          if (fill !== offset && fill !== -1) {
            if (offset > end - 2) {
              offset = end - 2;
            }
            while (end > fill) {
              buff[--end] = offset < end && offset > fill ? buff[--offset] : 0;
            }
          } else {
            while (offset < end) {
              buff[offset++] = 0;
            }
          }
          return buff;
        },
        decode(buff, offset) {
          offset = ~~offset;
          let result = "";
          for (let i = 0; i < v6Size; i += 2) {
            if (i !== 0) {
              result += ":";
            }
            result += (buff[offset + i] << 8 | buff[offset + i + 1]).toString(16);
          }
          return result.replace(/(^|:)0(:0)*:0(:|$)/, "$1::$3").replace(/:{3,4}/, "::");
        }
      };
      exports2.v6 = v6;
      const name = "ip";
      exports2.name = name;
      function sizeOf(ip) {
        if (v4.isFormat(ip)) return v4.size;
        if (v6.isFormat(ip)) return v6.size;
        throw Error(`Invalid ip address: ${ip}`);
      }
      function familyOf(string) {
        return sizeOf(string) === v4.size ? 1 : 2;
      }
      function encode(ip, buff, offset) {
        offset = ~~offset;
        const size = sizeOf(ip);
        if (typeof buff === "function") {
          buff = buff(offset + size);
        }
        if (size === v4.size) {
          return v4.encode(ip, buff, offset);
        }
        return v6.encode(ip, buff, offset);
      }
      function decode(buff, offset, length) {
        offset = ~~offset;
        length = length || buff.length - offset;
        if (length === v4.size) {
          return v4.decode(buff, offset, length);
        }
        if (length === v6.size) {
          return v6.decode(buff, offset, length);
        }
        throw Error(`Invalid buffer size needs to be ${v4.size} for v4 or ${v6.size} for v6.`);
      }
      return "default" in exports2 ? exports2.default : exports2;
    })({});
    if (typeof define === "function" && define.amd) define([], function() {
      return ipCodec;
    });
    else if (typeof module === "object" && typeof exports === "object") module.exports = ipCodec;
  }
});

// node_modules/dns-packet/index.js
var require_dns_packet = __commonJS({
  "node_modules/dns-packet/index.js"(exports) {
    "use strict";
    var Buffer2 = __require("buffer").Buffer;
    var types = require_types2();
    var rcodes = require_rcodes();
    var opcodes = require_opcodes();
    var classes = require_classes();
    var optioncodes = require_optioncodes();
    var ip = require_ip_codec();
    var QUERY_FLAG = 0;
    var RESPONSE_FLAG = 1 << 15;
    var FLUSH_MASK = 1 << 15;
    var NOT_FLUSH_MASK = ~FLUSH_MASK;
    var QU_MASK = 1 << 15;
    var NOT_QU_MASK = ~QU_MASK;
    var name = exports.name = {};
    name.encode = function(str, buf, offset, { mail = false } = {}) {
      if (!buf) buf = Buffer2.alloc(name.encodingLength(str));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const n = str.replace(/^\.|\.$/gm, "");
      if (n.length) {
        let list = [];
        if (mail) {
          let localPart = "";
          n.split(".").forEach((label) => {
            if (label.endsWith("\\")) {
              localPart += (localPart.length ? "." : "") + label.slice(0, -1);
            } else {
              if (list.length === 0 && localPart.length) {
                list.push(localPart + "." + label);
              } else {
                list.push(label);
              }
            }
          });
        } else {
          list = n.split(".");
        }
        for (let i = 0; i < list.length; i++) {
          const len = buf.write(list[i], offset + 1);
          buf[offset] = len;
          offset += len + 1;
        }
      }
      buf[offset++] = 0;
      name.encode.bytes = offset - oldOffset;
      return buf;
    };
    name.encode.bytes = 0;
    name.decode = function(buf, offset, { mail = false } = {}) {
      if (!offset) offset = 0;
      const list = [];
      let oldOffset = offset;
      let totalLength = 0;
      let consumedBytes = 0;
      let jumped = false;
      while (true) {
        if (offset >= buf.length) {
          throw new Error("Cannot decode name (buffer overflow)");
        }
        const len = buf[offset++];
        consumedBytes += jumped ? 0 : 1;
        if (len === 0) {
          break;
        } else if ((len & 192) === 0) {
          if (offset + len > buf.length) {
            throw new Error("Cannot decode name (buffer overflow)");
          }
          totalLength += len + 1;
          if (totalLength > 254) {
            throw new Error("Cannot decode name (name too long)");
          }
          let label = buf.toString("utf-8", offset, offset + len);
          if (mail) {
            label = label.replace(/\./g, "\\.");
          }
          list.push(label);
          offset += len;
          consumedBytes += jumped ? 0 : len;
        } else if ((len & 192) === 192) {
          if (offset + 1 > buf.length) {
            throw new Error("Cannot decode name (buffer overflow)");
          }
          const jumpOffset = buf.readUInt16BE(offset - 1) - 49152;
          if (jumpOffset >= oldOffset) {
            throw new Error("Cannot decode name (bad pointer)");
          }
          offset = jumpOffset;
          oldOffset = jumpOffset;
          consumedBytes += jumped ? 0 : 1;
          jumped = true;
        } else {
          throw new Error("Cannot decode name (bad label)");
        }
      }
      name.decode.bytes = consumedBytes;
      return list.length === 0 ? "." : list.join(".");
    };
    name.decode.bytes = 0;
    name.encodingLength = function(n) {
      if (n === "." || n === "..") return 1;
      return Buffer2.byteLength(n.replace(/^\.|\.$/gm, "")) + 2;
    };
    var string = {};
    string.encode = function(s, buf, offset) {
      if (!buf) buf = Buffer2.alloc(string.encodingLength(s));
      if (!offset) offset = 0;
      const len = buf.write(s, offset + 1);
      buf[offset] = len;
      string.encode.bytes = len + 1;
      return buf;
    };
    string.encode.bytes = 0;
    string.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const len = buf[offset];
      const s = buf.toString("utf-8", offset + 1, offset + 1 + len);
      string.decode.bytes = len + 1;
      return s;
    };
    string.decode.bytes = 0;
    string.encodingLength = function(s) {
      return Buffer2.byteLength(s) + 1;
    };
    var header = {};
    header.encode = function(h, buf, offset) {
      if (!buf) buf = header.encodingLength(h);
      if (!offset) offset = 0;
      const flags = (h.flags || 0) & 32767;
      const type = h.type === "response" ? RESPONSE_FLAG : QUERY_FLAG;
      buf.writeUInt16BE(h.id || 0, offset);
      buf.writeUInt16BE(flags | type, offset + 2);
      buf.writeUInt16BE(h.questions.length, offset + 4);
      buf.writeUInt16BE(h.answers.length, offset + 6);
      buf.writeUInt16BE(h.authorities.length, offset + 8);
      buf.writeUInt16BE(h.additionals.length, offset + 10);
      return buf;
    };
    header.encode.bytes = 12;
    header.decode = function(buf, offset) {
      if (!offset) offset = 0;
      if (buf.length < 12) throw new Error("Header must be 12 bytes");
      const flags = buf.readUInt16BE(offset + 2);
      return {
        id: buf.readUInt16BE(offset),
        type: flags & RESPONSE_FLAG ? "response" : "query",
        flags: flags & 32767,
        flag_qr: (flags >> 15 & 1) === 1,
        opcode: opcodes.toString(flags >> 11 & 15),
        flag_aa: (flags >> 10 & 1) === 1,
        flag_tc: (flags >> 9 & 1) === 1,
        flag_rd: (flags >> 8 & 1) === 1,
        flag_ra: (flags >> 7 & 1) === 1,
        flag_z: (flags >> 6 & 1) === 1,
        flag_ad: (flags >> 5 & 1) === 1,
        flag_cd: (flags >> 4 & 1) === 1,
        rcode: rcodes.toString(flags & 15),
        questions: new Array(buf.readUInt16BE(offset + 4)),
        answers: new Array(buf.readUInt16BE(offset + 6)),
        authorities: new Array(buf.readUInt16BE(offset + 8)),
        additionals: new Array(buf.readUInt16BE(offset + 10))
      };
    };
    header.decode.bytes = 12;
    header.encodingLength = function() {
      return 12;
    };
    var runknown = exports.unknown = {};
    runknown.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(runknown.encodingLength(data));
      if (!offset) offset = 0;
      buf.writeUInt16BE(data.length, offset);
      data.copy(buf, offset + 2);
      runknown.encode.bytes = data.length + 2;
      return buf;
    };
    runknown.encode.bytes = 0;
    runknown.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const len = buf.readUInt16BE(offset);
      const data = buf.slice(offset + 2, offset + 2 + len);
      runknown.decode.bytes = len + 2;
      return data;
    };
    runknown.decode.bytes = 0;
    runknown.encodingLength = function(data) {
      return data.length + 2;
    };
    var rns = exports.ns = {};
    rns.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rns.encodingLength(data));
      if (!offset) offset = 0;
      name.encode(data, buf, offset + 2);
      buf.writeUInt16BE(name.encode.bytes, offset);
      rns.encode.bytes = name.encode.bytes + 2;
      return buf;
    };
    rns.encode.bytes = 0;
    rns.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const len = buf.readUInt16BE(offset);
      const dd = name.decode(buf, offset + 2);
      rns.decode.bytes = len + 2;
      return dd;
    };
    rns.decode.bytes = 0;
    rns.encodingLength = function(data) {
      return name.encodingLength(data) + 2;
    };
    var rsoa = exports.soa = {};
    rsoa.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rsoa.encodingLength(data));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      name.encode(data.mname, buf, offset);
      offset += name.encode.bytes;
      name.encode(data.rname, buf, offset, { mail: true });
      offset += name.encode.bytes;
      buf.writeUInt32BE(data.serial || 0, offset);
      offset += 4;
      buf.writeUInt32BE(data.refresh || 0, offset);
      offset += 4;
      buf.writeUInt32BE(data.retry || 0, offset);
      offset += 4;
      buf.writeUInt32BE(data.expire || 0, offset);
      offset += 4;
      buf.writeUInt32BE(data.minimum || 0, offset);
      offset += 4;
      buf.writeUInt16BE(offset - oldOffset - 2, oldOffset);
      rsoa.encode.bytes = offset - oldOffset;
      return buf;
    };
    rsoa.encode.bytes = 0;
    rsoa.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const data = {};
      offset += 2;
      data.mname = name.decode(buf, offset);
      offset += name.decode.bytes;
      data.rname = name.decode(buf, offset, { mail: true });
      offset += name.decode.bytes;
      data.serial = buf.readUInt32BE(offset);
      offset += 4;
      data.refresh = buf.readUInt32BE(offset);
      offset += 4;
      data.retry = buf.readUInt32BE(offset);
      offset += 4;
      data.expire = buf.readUInt32BE(offset);
      offset += 4;
      data.minimum = buf.readUInt32BE(offset);
      offset += 4;
      rsoa.decode.bytes = offset - oldOffset;
      return data;
    };
    rsoa.decode.bytes = 0;
    rsoa.encodingLength = function(data) {
      return 22 + name.encodingLength(data.mname) + name.encodingLength(data.rname);
    };
    var rtxt = exports.txt = {};
    rtxt.encode = function(data, buf, offset) {
      if (!Array.isArray(data)) data = [data];
      for (let i = 0; i < data.length; i++) {
        if (typeof data[i] === "string") {
          data[i] = Buffer2.from(data[i]);
        }
        if (!Buffer2.isBuffer(data[i])) {
          throw new Error("Must be a Buffer");
        }
      }
      if (!buf) buf = Buffer2.alloc(rtxt.encodingLength(data));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      data.forEach(function(d) {
        buf[offset++] = d.length;
        d.copy(buf, offset, 0, d.length);
        offset += d.length;
      });
      buf.writeUInt16BE(offset - oldOffset - 2, oldOffset);
      rtxt.encode.bytes = offset - oldOffset;
      return buf;
    };
    rtxt.encode.bytes = 0;
    rtxt.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      let remaining = buf.readUInt16BE(offset);
      offset += 2;
      let data = [];
      while (remaining > 0) {
        const len = buf[offset++];
        --remaining;
        if (remaining < len) {
          throw new Error("Buffer overflow");
        }
        data.push(buf.slice(offset, offset + len));
        offset += len;
        remaining -= len;
      }
      rtxt.decode.bytes = offset - oldOffset;
      return data;
    };
    rtxt.decode.bytes = 0;
    rtxt.encodingLength = function(data) {
      if (!Array.isArray(data)) data = [data];
      let length = 2;
      data.forEach(function(buf) {
        if (typeof buf === "string") {
          length += Buffer2.byteLength(buf) + 1;
        } else {
          length += buf.length + 1;
        }
      });
      return length;
    };
    var rnull = exports.null = {};
    rnull.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rnull.encodingLength(data));
      if (!offset) offset = 0;
      if (typeof data === "string") data = Buffer2.from(data);
      if (!data) data = Buffer2.alloc(0);
      const oldOffset = offset;
      offset += 2;
      const len = data.length;
      data.copy(buf, offset, 0, len);
      offset += len;
      buf.writeUInt16BE(offset - oldOffset - 2, oldOffset);
      rnull.encode.bytes = offset - oldOffset;
      return buf;
    };
    rnull.encode.bytes = 0;
    rnull.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const len = buf.readUInt16BE(offset);
      offset += 2;
      const data = buf.slice(offset, offset + len);
      offset += len;
      rnull.decode.bytes = offset - oldOffset;
      return data;
    };
    rnull.decode.bytes = 0;
    rnull.encodingLength = function(data) {
      if (!data) return 2;
      return (Buffer2.isBuffer(data) ? data.length : Buffer2.byteLength(data)) + 2;
    };
    var rhinfo = exports.hinfo = {};
    rhinfo.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rhinfo.encodingLength(data));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      string.encode(data.cpu, buf, offset);
      offset += string.encode.bytes;
      string.encode(data.os, buf, offset);
      offset += string.encode.bytes;
      buf.writeUInt16BE(offset - oldOffset - 2, oldOffset);
      rhinfo.encode.bytes = offset - oldOffset;
      return buf;
    };
    rhinfo.encode.bytes = 0;
    rhinfo.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const data = {};
      offset += 2;
      data.cpu = string.decode(buf, offset);
      offset += string.decode.bytes;
      data.os = string.decode(buf, offset);
      offset += string.decode.bytes;
      rhinfo.decode.bytes = offset - oldOffset;
      return data;
    };
    rhinfo.decode.bytes = 0;
    rhinfo.encodingLength = function(data) {
      return string.encodingLength(data.cpu) + string.encodingLength(data.os) + 2;
    };
    var rptr = exports.ptr = {};
    var rcname = exports.cname = rptr;
    var rdname = exports.dname = rptr;
    rptr.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rptr.encodingLength(data));
      if (!offset) offset = 0;
      name.encode(data, buf, offset + 2);
      buf.writeUInt16BE(name.encode.bytes, offset);
      rptr.encode.bytes = name.encode.bytes + 2;
      return buf;
    };
    rptr.encode.bytes = 0;
    rptr.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const data = name.decode(buf, offset + 2);
      rptr.decode.bytes = name.decode.bytes + 2;
      return data;
    };
    rptr.decode.bytes = 0;
    rptr.encodingLength = function(data) {
      return name.encodingLength(data) + 2;
    };
    var rsrv = exports.srv = {};
    rsrv.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rsrv.encodingLength(data));
      if (!offset) offset = 0;
      buf.writeUInt16BE(data.priority || 0, offset + 2);
      buf.writeUInt16BE(data.weight || 0, offset + 4);
      buf.writeUInt16BE(data.port || 0, offset + 6);
      name.encode(data.target, buf, offset + 8);
      const len = name.encode.bytes + 6;
      buf.writeUInt16BE(len, offset);
      rsrv.encode.bytes = len + 2;
      return buf;
    };
    rsrv.encode.bytes = 0;
    rsrv.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const len = buf.readUInt16BE(offset);
      const data = {};
      data.priority = buf.readUInt16BE(offset + 2);
      data.weight = buf.readUInt16BE(offset + 4);
      data.port = buf.readUInt16BE(offset + 6);
      data.target = name.decode(buf, offset + 8);
      rsrv.decode.bytes = len + 2;
      return data;
    };
    rsrv.decode.bytes = 0;
    rsrv.encodingLength = function(data) {
      return 8 + name.encodingLength(data.target);
    };
    var rcaa = exports.caa = {};
    rcaa.ISSUER_CRITICAL = 1 << 7;
    rcaa.encode = function(data, buf, offset) {
      const len = rcaa.encodingLength(data);
      if (!buf) buf = Buffer2.alloc(rcaa.encodingLength(data));
      if (!offset) offset = 0;
      if (data.issuerCritical) {
        data.flags = rcaa.ISSUER_CRITICAL;
      }
      buf.writeUInt16BE(len - 2, offset);
      offset += 2;
      buf.writeUInt8(data.flags || 0, offset);
      offset += 1;
      string.encode(data.tag, buf, offset);
      offset += string.encode.bytes;
      buf.write(data.value, offset);
      offset += Buffer2.byteLength(data.value);
      rcaa.encode.bytes = len;
      return buf;
    };
    rcaa.encode.bytes = 0;
    rcaa.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const len = buf.readUInt16BE(offset);
      offset += 2;
      const oldOffset = offset;
      const data = {};
      data.flags = buf.readUInt8(offset);
      offset += 1;
      data.tag = string.decode(buf, offset);
      offset += string.decode.bytes;
      data.value = buf.toString("utf-8", offset, oldOffset + len);
      data.issuerCritical = !!(data.flags & rcaa.ISSUER_CRITICAL);
      rcaa.decode.bytes = len + 2;
      return data;
    };
    rcaa.decode.bytes = 0;
    rcaa.encodingLength = function(data) {
      return string.encodingLength(data.tag) + string.encodingLength(data.value) + 2;
    };
    var rmx = exports.mx = {};
    rmx.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rmx.encodingLength(data));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      buf.writeUInt16BE(data.preference || 0, offset);
      offset += 2;
      name.encode(data.exchange, buf, offset);
      offset += name.encode.bytes;
      buf.writeUInt16BE(offset - oldOffset - 2, oldOffset);
      rmx.encode.bytes = offset - oldOffset;
      return buf;
    };
    rmx.encode.bytes = 0;
    rmx.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const data = {};
      offset += 2;
      data.preference = buf.readUInt16BE(offset);
      offset += 2;
      data.exchange = name.decode(buf, offset);
      offset += name.decode.bytes;
      rmx.decode.bytes = offset - oldOffset;
      return data;
    };
    rmx.encodingLength = function(data) {
      return 4 + name.encodingLength(data.exchange);
    };
    var ra = exports.a = {};
    ra.encode = function(host, buf, offset) {
      if (!buf) buf = Buffer2.alloc(ra.encodingLength(host));
      if (!offset) offset = 0;
      buf.writeUInt16BE(4, offset);
      offset += 2;
      ip.v4.encode(host, buf, offset);
      ra.encode.bytes = 6;
      return buf;
    };
    ra.encode.bytes = 0;
    ra.decode = function(buf, offset) {
      if (!offset) offset = 0;
      offset += 2;
      const host = ip.v4.decode(buf, offset);
      ra.decode.bytes = 6;
      return host;
    };
    ra.decode.bytes = 0;
    ra.encodingLength = function() {
      return 6;
    };
    var raaaa = exports.aaaa = {};
    raaaa.encode = function(host, buf, offset) {
      if (!buf) buf = Buffer2.alloc(raaaa.encodingLength(host));
      if (!offset) offset = 0;
      buf.writeUInt16BE(16, offset);
      offset += 2;
      ip.v6.encode(host, buf, offset);
      raaaa.encode.bytes = 18;
      return buf;
    };
    raaaa.encode.bytes = 0;
    raaaa.decode = function(buf, offset) {
      if (!offset) offset = 0;
      offset += 2;
      const host = ip.v6.decode(buf, offset);
      raaaa.decode.bytes = 18;
      return host;
    };
    raaaa.decode.bytes = 0;
    raaaa.encodingLength = function() {
      return 18;
    };
    var roption = exports.option = {};
    roption.encode = function(option, buf, offset) {
      if (!buf) buf = Buffer2.alloc(roption.encodingLength(option));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const code2 = optioncodes.toCode(option.code);
      buf.writeUInt16BE(code2, offset);
      offset += 2;
      if (option.data) {
        buf.writeUInt16BE(option.data.length, offset);
        offset += 2;
        option.data.copy(buf, offset);
        offset += option.data.length;
      } else {
        switch (code2) {
          // case 3: NSID.  No encode makes sense.
          // case 5,6,7: Not implementable
          case 8:
            const spl = option.sourcePrefixLength || 0;
            const fam = option.family || ip.familyOf(option.ip);
            const ipBuf = ip.encode(option.ip, Buffer2.alloc);
            const ipLen = Math.ceil(spl / 8);
            buf.writeUInt16BE(ipLen + 4, offset);
            offset += 2;
            buf.writeUInt16BE(fam, offset);
            offset += 2;
            buf.writeUInt8(spl, offset++);
            buf.writeUInt8(option.scopePrefixLength || 0, offset++);
            ipBuf.copy(buf, offset, 0, ipLen);
            offset += ipLen;
            break;
          // case 9: EXPIRE (experimental)
          // case 10: COOKIE.  No encode makes sense.
          case 11:
            if (option.timeout) {
              buf.writeUInt16BE(2, offset);
              offset += 2;
              buf.writeUInt16BE(option.timeout, offset);
              offset += 2;
            } else {
              buf.writeUInt16BE(0, offset);
              offset += 2;
            }
            break;
          case 12:
            const len = option.length || 0;
            buf.writeUInt16BE(len, offset);
            offset += 2;
            buf.fill(0, offset, offset + len);
            offset += len;
            break;
          // case 13:  CHAIN.  Experimental.
          case 14:
            const tagsLen = option.tags.length * 2;
            buf.writeUInt16BE(tagsLen, offset);
            offset += 2;
            for (const tag of option.tags) {
              buf.writeUInt16BE(tag, offset);
              offset += 2;
            }
            break;
          default:
            throw new Error(`Unknown roption code: ${option.code}`);
        }
      }
      roption.encode.bytes = offset - oldOffset;
      return buf;
    };
    roption.encode.bytes = 0;
    roption.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const option = {};
      option.code = buf.readUInt16BE(offset);
      option.type = optioncodes.toString(option.code);
      offset += 2;
      const len = buf.readUInt16BE(offset);
      offset += 2;
      option.data = buf.slice(offset, offset + len);
      switch (option.code) {
        // case 3: NSID.  No decode makes sense.
        case 8:
          option.family = buf.readUInt16BE(offset);
          offset += 2;
          option.sourcePrefixLength = buf.readUInt8(offset++);
          option.scopePrefixLength = buf.readUInt8(offset++);
          const padded = Buffer2.alloc(option.family === 1 ? 4 : 16);
          buf.copy(padded, 0, offset, offset + len - 4);
          option.ip = ip.decode(padded);
          break;
        // case 12: Padding.  No decode makes sense.
        case 11:
          if (len > 0) {
            option.timeout = buf.readUInt16BE(offset);
            offset += 2;
          }
          break;
        case 14:
          option.tags = [];
          for (let i = 0; i < len; i += 2) {
            option.tags.push(buf.readUInt16BE(offset));
            offset += 2;
          }
      }
      roption.decode.bytes = len + 4;
      return option;
    };
    roption.decode.bytes = 0;
    roption.encodingLength = function(option) {
      if (option.data) {
        return option.data.length + 4;
      }
      const code2 = optioncodes.toCode(option.code);
      switch (code2) {
        case 8:
          const spl = option.sourcePrefixLength || 0;
          return Math.ceil(spl / 8) + 8;
        case 11:
          return typeof option.timeout === "number" ? 6 : 4;
        case 12:
          return option.length + 4;
        case 14:
          return 4 + option.tags.length * 2;
      }
      throw new Error(`Unknown roption code: ${option.code}`);
    };
    var ropt = exports.opt = {};
    ropt.encode = function(options, buf, offset) {
      if (!buf) buf = Buffer2.alloc(ropt.encodingLength(options));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const rdlen = encodingLengthList(options, roption);
      buf.writeUInt16BE(rdlen, offset);
      offset = encodeList(options, roption, buf, offset + 2);
      ropt.encode.bytes = offset - oldOffset;
      return buf;
    };
    ropt.encode.bytes = 0;
    ropt.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const options = [];
      let rdlen = buf.readUInt16BE(offset);
      offset += 2;
      let o = 0;
      while (rdlen > 0) {
        options[o++] = roption.decode(buf, offset);
        offset += roption.decode.bytes;
        rdlen -= roption.decode.bytes;
      }
      ropt.decode.bytes = offset - oldOffset;
      return options;
    };
    ropt.decode.bytes = 0;
    ropt.encodingLength = function(options) {
      return 2 + encodingLengthList(options || [], roption);
    };
    var rdnskey = exports.dnskey = {};
    rdnskey.PROTOCOL_DNSSEC = 3;
    rdnskey.ZONE_KEY = 128;
    rdnskey.SECURE_ENTRYPOINT = 32768;
    rdnskey.encode = function(key, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rdnskey.encodingLength(key));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const keydata = key.key;
      if (!Buffer2.isBuffer(keydata)) {
        throw new Error("Key must be a Buffer");
      }
      offset += 2;
      buf.writeUInt16BE(key.flags, offset);
      offset += 2;
      buf.writeUInt8(rdnskey.PROTOCOL_DNSSEC, offset);
      offset += 1;
      buf.writeUInt8(key.algorithm, offset);
      offset += 1;
      keydata.copy(buf, offset, 0, keydata.length);
      offset += keydata.length;
      rdnskey.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rdnskey.encode.bytes - 2, oldOffset);
      return buf;
    };
    rdnskey.encode.bytes = 0;
    rdnskey.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      var key = {};
      var length = buf.readUInt16BE(offset);
      offset += 2;
      key.flags = buf.readUInt16BE(offset);
      offset += 2;
      if (buf.readUInt8(offset) !== rdnskey.PROTOCOL_DNSSEC) {
        throw new Error("Protocol must be 3");
      }
      offset += 1;
      key.algorithm = buf.readUInt8(offset);
      offset += 1;
      key.key = buf.slice(offset, oldOffset + length + 2);
      offset += key.key.length;
      rdnskey.decode.bytes = offset - oldOffset;
      return key;
    };
    rdnskey.decode.bytes = 0;
    rdnskey.encodingLength = function(key) {
      return 6 + Buffer2.byteLength(key.key);
    };
    var rrrsig = exports.rrsig = {};
    rrrsig.encode = function(sig, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rrrsig.encodingLength(sig));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const signature = sig.signature;
      if (!Buffer2.isBuffer(signature)) {
        throw new Error("Signature must be a Buffer");
      }
      offset += 2;
      buf.writeUInt16BE(types.toType(sig.typeCovered), offset);
      offset += 2;
      buf.writeUInt8(sig.algorithm, offset);
      offset += 1;
      buf.writeUInt8(sig.labels, offset);
      offset += 1;
      buf.writeUInt32BE(sig.originalTTL, offset);
      offset += 4;
      buf.writeUInt32BE(sig.expiration, offset);
      offset += 4;
      buf.writeUInt32BE(sig.inception, offset);
      offset += 4;
      buf.writeUInt16BE(sig.keyTag, offset);
      offset += 2;
      name.encode(sig.signersName, buf, offset);
      offset += name.encode.bytes;
      signature.copy(buf, offset, 0, signature.length);
      offset += signature.length;
      rrrsig.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rrrsig.encode.bytes - 2, oldOffset);
      return buf;
    };
    rrrsig.encode.bytes = 0;
    rrrsig.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      var sig = {};
      var length = buf.readUInt16BE(offset);
      offset += 2;
      sig.typeCovered = types.toString(buf.readUInt16BE(offset));
      offset += 2;
      sig.algorithm = buf.readUInt8(offset);
      offset += 1;
      sig.labels = buf.readUInt8(offset);
      offset += 1;
      sig.originalTTL = buf.readUInt32BE(offset);
      offset += 4;
      sig.expiration = buf.readUInt32BE(offset);
      offset += 4;
      sig.inception = buf.readUInt32BE(offset);
      offset += 4;
      sig.keyTag = buf.readUInt16BE(offset);
      offset += 2;
      sig.signersName = name.decode(buf, offset);
      offset += name.decode.bytes;
      sig.signature = buf.slice(offset, oldOffset + length + 2);
      offset += sig.signature.length;
      rrrsig.decode.bytes = offset - oldOffset;
      return sig;
    };
    rrrsig.decode.bytes = 0;
    rrrsig.encodingLength = function(sig) {
      return 20 + name.encodingLength(sig.signersName) + Buffer2.byteLength(sig.signature);
    };
    var rrp = exports.rp = {};
    rrp.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rrp.encodingLength(data));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      name.encode(data.mbox || ".", buf, offset, { mail: true });
      offset += name.encode.bytes;
      name.encode(data.txt || ".", buf, offset);
      offset += name.encode.bytes;
      rrp.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rrp.encode.bytes - 2, oldOffset);
      return buf;
    };
    rrp.encode.bytes = 0;
    rrp.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const data = {};
      offset += 2;
      data.mbox = name.decode(buf, offset, { mail: true }) || ".";
      offset += name.decode.bytes;
      data.txt = name.decode(buf, offset) || ".";
      offset += name.decode.bytes;
      rrp.decode.bytes = offset - oldOffset;
      return data;
    };
    rrp.decode.bytes = 0;
    rrp.encodingLength = function(data) {
      return 2 + name.encodingLength(data.mbox || ".") + name.encodingLength(data.txt || ".");
    };
    var typebitmap = {};
    typebitmap.encode = function(typelist, buf, offset) {
      if (!buf) buf = Buffer2.alloc(typebitmap.encodingLength(typelist));
      if (!offset) offset = 0;
      const oldOffset = offset;
      var typesByWindow = [];
      for (var i = 0; i < typelist.length; i++) {
        var typeid = types.toType(typelist[i]);
        if (typesByWindow[typeid >> 8] === void 0) {
          typesByWindow[typeid >> 8] = [];
        }
        typesByWindow[typeid >> 8][typeid >> 3 & 31] |= 1 << 7 - (typeid & 7);
      }
      for (i = 0; i < typesByWindow.length; i++) {
        if (typesByWindow[i] !== void 0) {
          var windowBuf = Buffer2.from(typesByWindow[i]);
          buf.writeUInt8(i, offset);
          offset += 1;
          buf.writeUInt8(windowBuf.length, offset);
          offset += 1;
          windowBuf.copy(buf, offset);
          offset += windowBuf.length;
        }
      }
      typebitmap.encode.bytes = offset - oldOffset;
      return buf;
    };
    typebitmap.encode.bytes = 0;
    typebitmap.decode = function(buf, offset, length) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      var typelist = [];
      while (offset - oldOffset < length) {
        var window2 = buf.readUInt8(offset);
        offset += 1;
        var windowLength = buf.readUInt8(offset);
        offset += 1;
        for (var i = 0; i < windowLength; i++) {
          var b = buf.readUInt8(offset + i);
          for (var j = 0; j < 8; j++) {
            if (b & 1 << 7 - j) {
              var typeid = types.toString(window2 << 8 | i << 3 | j);
              typelist.push(typeid);
            }
          }
        }
        offset += windowLength;
      }
      typebitmap.decode.bytes = offset - oldOffset;
      return typelist;
    };
    typebitmap.decode.bytes = 0;
    typebitmap.encodingLength = function(typelist) {
      var extents = [];
      for (var i = 0; i < typelist.length; i++) {
        var typeid = types.toType(typelist[i]);
        extents[typeid >> 8] = Math.max(extents[typeid >> 8] || 0, typeid & 255);
      }
      var len = 0;
      for (i = 0; i < extents.length; i++) {
        if (extents[i] !== void 0) {
          len += 2 + Math.ceil((extents[i] + 1) / 8);
        }
      }
      return len;
    };
    var rnsec = exports.nsec = {};
    rnsec.encode = function(record, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rnsec.encodingLength(record));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      name.encode(record.nextDomain, buf, offset);
      offset += name.encode.bytes;
      typebitmap.encode(record.rrtypes, buf, offset);
      offset += typebitmap.encode.bytes;
      rnsec.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rnsec.encode.bytes - 2, oldOffset);
      return buf;
    };
    rnsec.encode.bytes = 0;
    rnsec.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      var record = {};
      var length = buf.readUInt16BE(offset);
      offset += 2;
      record.nextDomain = name.decode(buf, offset);
      offset += name.decode.bytes;
      record.rrtypes = typebitmap.decode(buf, offset, length - (offset - oldOffset));
      offset += typebitmap.decode.bytes;
      rnsec.decode.bytes = offset - oldOffset;
      return record;
    };
    rnsec.decode.bytes = 0;
    rnsec.encodingLength = function(record) {
      return 2 + name.encodingLength(record.nextDomain) + typebitmap.encodingLength(record.rrtypes);
    };
    var rnsec3 = exports.nsec3 = {};
    rnsec3.encode = function(record, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rnsec3.encodingLength(record));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const salt = record.salt;
      if (!Buffer2.isBuffer(salt)) {
        throw new Error("salt must be a Buffer");
      }
      const nextDomain = record.nextDomain;
      if (!Buffer2.isBuffer(nextDomain)) {
        throw new Error("nextDomain must be a Buffer");
      }
      offset += 2;
      buf.writeUInt8(record.algorithm, offset);
      offset += 1;
      buf.writeUInt8(record.flags, offset);
      offset += 1;
      buf.writeUInt16BE(record.iterations, offset);
      offset += 2;
      buf.writeUInt8(salt.length, offset);
      offset += 1;
      salt.copy(buf, offset, 0, salt.length);
      offset += salt.length;
      buf.writeUInt8(nextDomain.length, offset);
      offset += 1;
      nextDomain.copy(buf, offset, 0, nextDomain.length);
      offset += nextDomain.length;
      typebitmap.encode(record.rrtypes, buf, offset);
      offset += typebitmap.encode.bytes;
      rnsec3.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rnsec3.encode.bytes - 2, oldOffset);
      return buf;
    };
    rnsec3.encode.bytes = 0;
    rnsec3.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      var record = {};
      var length = buf.readUInt16BE(offset);
      offset += 2;
      record.algorithm = buf.readUInt8(offset);
      offset += 1;
      record.flags = buf.readUInt8(offset);
      offset += 1;
      record.iterations = buf.readUInt16BE(offset);
      offset += 2;
      const saltLength = buf.readUInt8(offset);
      offset += 1;
      record.salt = buf.slice(offset, offset + saltLength);
      offset += saltLength;
      const hashLength = buf.readUInt8(offset);
      offset += 1;
      record.nextDomain = buf.slice(offset, offset + hashLength);
      offset += hashLength;
      record.rrtypes = typebitmap.decode(buf, offset, length - (offset - oldOffset));
      offset += typebitmap.decode.bytes;
      rnsec3.decode.bytes = offset - oldOffset;
      return record;
    };
    rnsec3.decode.bytes = 0;
    rnsec3.encodingLength = function(record) {
      return 8 + record.salt.length + record.nextDomain.length + typebitmap.encodingLength(record.rrtypes);
    };
    var rds = exports.ds = {};
    rds.encode = function(digest, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rds.encodingLength(digest));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const digestdata = digest.digest;
      if (!Buffer2.isBuffer(digestdata)) {
        throw new Error("Digest must be a Buffer");
      }
      offset += 2;
      buf.writeUInt16BE(digest.keyTag, offset);
      offset += 2;
      buf.writeUInt8(digest.algorithm, offset);
      offset += 1;
      buf.writeUInt8(digest.digestType, offset);
      offset += 1;
      digestdata.copy(buf, offset, 0, digestdata.length);
      offset += digestdata.length;
      rds.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rds.encode.bytes - 2, oldOffset);
      return buf;
    };
    rds.encode.bytes = 0;
    rds.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      var digest = {};
      var length = buf.readUInt16BE(offset);
      offset += 2;
      digest.keyTag = buf.readUInt16BE(offset);
      offset += 2;
      digest.algorithm = buf.readUInt8(offset);
      offset += 1;
      digest.digestType = buf.readUInt8(offset);
      offset += 1;
      digest.digest = buf.slice(offset, oldOffset + length + 2);
      offset += digest.digest.length;
      rds.decode.bytes = offset - oldOffset;
      return digest;
    };
    rds.decode.bytes = 0;
    rds.encodingLength = function(digest) {
      return 6 + Buffer2.byteLength(digest.digest);
    };
    var rsshfp = exports.sshfp = {};
    rsshfp.getFingerprintLengthForHashType = function getFingerprintLengthForHashType(hashType) {
      switch (hashType) {
        case 1:
          return 20;
        case 2:
          return 32;
      }
    };
    rsshfp.encode = function encode(record, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rsshfp.encodingLength(record));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      buf[offset] = record.algorithm;
      offset += 1;
      buf[offset] = record.hash;
      offset += 1;
      const fingerprintBuf = Buffer2.from(record.fingerprint.toUpperCase(), "hex");
      if (fingerprintBuf.length !== rsshfp.getFingerprintLengthForHashType(record.hash)) {
        throw new Error("Invalid fingerprint length");
      }
      fingerprintBuf.copy(buf, offset);
      offset += fingerprintBuf.byteLength;
      rsshfp.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rsshfp.encode.bytes - 2, oldOffset);
      return buf;
    };
    rsshfp.encode.bytes = 0;
    rsshfp.decode = function decode(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const record = {};
      offset += 2;
      record.algorithm = buf[offset];
      offset += 1;
      record.hash = buf[offset];
      offset += 1;
      const fingerprintLength = rsshfp.getFingerprintLengthForHashType(record.hash);
      record.fingerprint = buf.slice(offset, offset + fingerprintLength).toString("hex").toUpperCase();
      offset += fingerprintLength;
      rsshfp.decode.bytes = offset - oldOffset;
      return record;
    };
    rsshfp.decode.bytes = 0;
    rsshfp.encodingLength = function(record) {
      return 4 + Buffer2.from(record.fingerprint, "hex").byteLength;
    };
    var rnaptr = exports.naptr = {};
    rnaptr.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rnaptr.encodingLength(data));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      buf.writeUInt16BE(data.order || 0, offset);
      offset += 2;
      buf.writeUInt16BE(data.preference || 0, offset);
      offset += 2;
      string.encode(data.flags, buf, offset);
      offset += string.encode.bytes;
      string.encode(data.services, buf, offset);
      offset += string.encode.bytes;
      string.encode(data.regexp, buf, offset);
      offset += string.encode.bytes;
      name.encode(data.replacement, buf, offset);
      offset += name.encode.bytes;
      rnaptr.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rnaptr.encode.bytes - 2, oldOffset);
      return buf;
    };
    rnaptr.encode.bytes = 0;
    rnaptr.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const data = {};
      offset += 2;
      data.order = buf.readUInt16BE(offset);
      offset += 2;
      data.preference = buf.readUInt16BE(offset);
      offset += 2;
      data.flags = string.decode(buf, offset);
      offset += string.decode.bytes;
      data.services = string.decode(buf, offset);
      offset += string.decode.bytes;
      data.regexp = string.decode(buf, offset);
      offset += string.decode.bytes;
      data.replacement = name.decode(buf, offset);
      offset += name.decode.bytes;
      rnaptr.decode.bytes = offset - oldOffset;
      return data;
    };
    rnaptr.decode.bytes = 0;
    rnaptr.encodingLength = function(data) {
      return string.encodingLength(data.flags) + string.encodingLength(data.services) + string.encodingLength(data.regexp) + name.encodingLength(data.replacement) + 6;
    };
    var rtlsa = exports.tlsa = {};
    rtlsa.encode = function(cert, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rtlsa.encodingLength(cert));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const certdata = cert.certificate;
      if (!Buffer2.isBuffer(certdata)) {
        throw new Error("Certificate must be a Buffer");
      }
      offset += 2;
      buf.writeUInt8(cert.usage, offset);
      offset += 1;
      buf.writeUInt8(cert.selector, offset);
      offset += 1;
      buf.writeUInt8(cert.matchingType, offset);
      offset += 1;
      certdata.copy(buf, offset, 0, certdata.length);
      offset += certdata.length;
      rtlsa.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rtlsa.encode.bytes - 2, oldOffset);
      return buf;
    };
    rtlsa.encode.bytes = 0;
    rtlsa.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const cert = {};
      const length = buf.readUInt16BE(offset);
      offset += 2;
      cert.usage = buf.readUInt8(offset);
      offset += 1;
      cert.selector = buf.readUInt8(offset);
      offset += 1;
      cert.matchingType = buf.readUInt8(offset);
      offset += 1;
      cert.certificate = buf.slice(offset, oldOffset + length + 2);
      offset += cert.certificate.length;
      rtlsa.decode.bytes = offset - oldOffset;
      return cert;
    };
    rtlsa.decode.bytes = 0;
    rtlsa.encodingLength = function(cert) {
      return 5 + Buffer2.byteLength(cert.certificate);
    };
    var renc = exports.record = function(type) {
      switch (type.toUpperCase()) {
        case "A":
          return ra;
        case "PTR":
          return rptr;
        case "CNAME":
          return rcname;
        case "DNAME":
          return rdname;
        case "TXT":
          return rtxt;
        case "NULL":
          return rnull;
        case "AAAA":
          return raaaa;
        case "SRV":
          return rsrv;
        case "HINFO":
          return rhinfo;
        case "CAA":
          return rcaa;
        case "NS":
          return rns;
        case "SOA":
          return rsoa;
        case "MX":
          return rmx;
        case "OPT":
          return ropt;
        case "DNSKEY":
          return rdnskey;
        case "RRSIG":
          return rrrsig;
        case "RP":
          return rrp;
        case "NSEC":
          return rnsec;
        case "NSEC3":
          return rnsec3;
        case "SSHFP":
          return rsshfp;
        case "DS":
          return rds;
        case "NAPTR":
          return rnaptr;
        case "TLSA":
          return rtlsa;
      }
      return runknown;
    };
    var answer2 = exports.answer = {};
    answer2.encode = function(a, buf, offset) {
      if (!buf) buf = Buffer2.alloc(answer2.encodingLength(a));
      if (!offset) offset = 0;
      const oldOffset = offset;
      name.encode(a.name, buf, offset);
      offset += name.encode.bytes;
      buf.writeUInt16BE(types.toType(a.type), offset);
      if (a.type.toUpperCase() === "OPT") {
        if (a.name !== ".") {
          throw new Error("OPT name must be root.");
        }
        buf.writeUInt16BE(a.udpPayloadSize || 4096, offset + 2);
        buf.writeUInt8(a.extendedRcode || 0, offset + 4);
        buf.writeUInt8(a.ednsVersion || 0, offset + 5);
        buf.writeUInt16BE(a.flags || 0, offset + 6);
        offset += 8;
        ropt.encode(a.options || [], buf, offset);
        offset += ropt.encode.bytes;
      } else {
        let klass = classes.toClass(a.class === void 0 ? "IN" : a.class);
        if (a.flush) klass |= FLUSH_MASK;
        buf.writeUInt16BE(klass, offset + 2);
        buf.writeUInt32BE(a.ttl || 0, offset + 4);
        offset += 8;
        const enc = renc(a.type);
        enc.encode(a.data, buf, offset);
        offset += enc.encode.bytes;
      }
      answer2.encode.bytes = offset - oldOffset;
      return buf;
    };
    answer2.encode.bytes = 0;
    answer2.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const a = {};
      const oldOffset = offset;
      a.name = name.decode(buf, offset);
      offset += name.decode.bytes;
      a.type = types.toString(buf.readUInt16BE(offset));
      if (a.type === "OPT") {
        a.udpPayloadSize = buf.readUInt16BE(offset + 2);
        a.extendedRcode = buf.readUInt8(offset + 4);
        a.ednsVersion = buf.readUInt8(offset + 5);
        a.flags = buf.readUInt16BE(offset + 6);
        a.flag_do = (a.flags >> 15 & 1) === 1;
        a.options = ropt.decode(buf, offset + 8);
        offset += 8 + ropt.decode.bytes;
      } else {
        const klass = buf.readUInt16BE(offset + 2);
        a.ttl = buf.readUInt32BE(offset + 4);
        a.class = classes.toString(klass & NOT_FLUSH_MASK);
        a.flush = !!(klass & FLUSH_MASK);
        const enc = renc(a.type);
        a.data = enc.decode(buf, offset + 8);
        offset += 8 + enc.decode.bytes;
      }
      answer2.decode.bytes = offset - oldOffset;
      return a;
    };
    answer2.decode.bytes = 0;
    answer2.encodingLength = function(a) {
      const data = a.data !== null && a.data !== void 0 ? a.data : a.options;
      return name.encodingLength(a.name) + 8 + renc(a.type).encodingLength(data);
    };
    var question = exports.question = {};
    question.encode = function(q, buf, offset) {
      if (!buf) buf = Buffer2.alloc(question.encodingLength(q));
      if (!offset) offset = 0;
      const oldOffset = offset;
      name.encode(q.name, buf, offset);
      offset += name.encode.bytes;
      buf.writeUInt16BE(types.toType(q.type), offset);
      offset += 2;
      buf.writeUInt16BE(classes.toClass(q.class === void 0 ? "IN" : q.class), offset);
      offset += 2;
      question.encode.bytes = offset - oldOffset;
      return q;
    };
    question.encode.bytes = 0;
    question.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const q = {};
      q.name = name.decode(buf, offset);
      offset += name.decode.bytes;
      q.type = types.toString(buf.readUInt16BE(offset));
      offset += 2;
      q.class = classes.toString(buf.readUInt16BE(offset));
      offset += 2;
      const qu = !!(q.class & QU_MASK);
      if (qu) q.class &= NOT_QU_MASK;
      question.decode.bytes = offset - oldOffset;
      return q;
    };
    question.decode.bytes = 0;
    question.encodingLength = function(q) {
      return name.encodingLength(q.name) + 4;
    };
    exports.AUTHORITATIVE_ANSWER = 1 << 10;
    exports.TRUNCATED_RESPONSE = 1 << 9;
    exports.RECURSION_DESIRED = 1 << 8;
    exports.RECURSION_AVAILABLE = 1 << 7;
    exports.AUTHENTIC_DATA = 1 << 5;
    exports.CHECKING_DISABLED = 1 << 4;
    exports.DNSSEC_OK = 1 << 15;
    exports.encode = function(result, buf, offset) {
      const allocing = !buf;
      if (allocing) buf = Buffer2.alloc(exports.encodingLength(result));
      if (!offset) offset = 0;
      const oldOffset = offset;
      if (!result.questions) result.questions = [];
      if (!result.answers) result.answers = [];
      if (!result.authorities) result.authorities = [];
      if (!result.additionals) result.additionals = [];
      header.encode(result, buf, offset);
      offset += header.encode.bytes;
      offset = encodeList(result.questions, question, buf, offset);
      offset = encodeList(result.answers, answer2, buf, offset);
      offset = encodeList(result.authorities, answer2, buf, offset);
      offset = encodeList(result.additionals, answer2, buf, offset);
      exports.encode.bytes = offset - oldOffset;
      if (allocing && exports.encode.bytes !== buf.length) {
        return buf.slice(0, exports.encode.bytes);
      }
      return buf;
    };
    exports.encode.bytes = 0;
    exports.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const result = header.decode(buf, offset);
      offset += header.decode.bytes;
      offset = decodeList(result.questions, question, buf, offset);
      offset = decodeList(result.answers, answer2, buf, offset);
      offset = decodeList(result.authorities, answer2, buf, offset);
      offset = decodeList(result.additionals, answer2, buf, offset);
      exports.decode.bytes = offset - oldOffset;
      return result;
    };
    exports.decode.bytes = 0;
    exports.encodingLength = function(result) {
      return header.encodingLength(result) + encodingLengthList(result.questions || [], question) + encodingLengthList(result.answers || [], answer2) + encodingLengthList(result.authorities || [], answer2) + encodingLengthList(result.additionals || [], answer2);
    };
    exports.streamEncode = function(result) {
      const buf = exports.encode(result);
      const sbuf = Buffer2.alloc(2);
      sbuf.writeUInt16BE(buf.byteLength);
      const combine = Buffer2.concat([sbuf, buf]);
      exports.streamEncode.bytes = combine.byteLength;
      return combine;
    };
    exports.streamEncode.bytes = 0;
    exports.streamDecode = function(sbuf) {
      const len = sbuf.readUInt16BE(0);
      if (sbuf.byteLength < len + 2) {
        return null;
      }
      const result = exports.decode(sbuf.slice(2));
      exports.streamDecode.bytes = exports.decode.bytes;
      return result;
    };
    exports.streamDecode.bytes = 0;
    function encodingLengthList(list, enc) {
      let len = 0;
      for (let i = 0; i < list.length; i++) len += enc.encodingLength(list[i]);
      return len;
    }
    function encodeList(list, enc, buf, offset) {
      for (let i = 0; i < list.length; i++) {
        enc.encode(list[i], buf, offset);
        offset += enc.encode.bytes;
      }
      return offset;
    }
    function decodeList(list, enc, buf, offset) {
      for (let i = 0; i < list.length; i++) {
        list[i] = enc.decode(buf, offset);
        offset += enc.decode.bytes;
      }
      return offset;
    }
  }
});

// src/runtime/node/main.ts
import { readFileSync as readFileSync2 } from "node:fs";
import process2 from "node:process";

// node_modules/commander/esm.mjs
var import_index = __toESM(require_commander(), 1);
var {
  program,
  createCommand,
  createArgument,
  createOption,
  CommanderError,
  InvalidArgumentError,
  InvalidOptionArgumentError,
  // deprecated old name
  Command,
  Argument,
  Option,
  Help
} = import_index.default;

// src/api/sigv4.ts
var import_signature_v4 = __toESM(require_dist_cjs(), 1);
var SIGNING_SERVICE = "servicediscovery";
var MAX_CLOCK_SKEW_MS = 5 * 60 * 1e3;
var AUTH = /^AWS4-HMAC-SHA256 (.+)$/;
var CREDENTIAL = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;
var authError = (type, message) => new CloudMapError(type, message);
function authParts(text2) {
  const parts = {};
  for (const part of text2.split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) parts[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return parts;
}
function parseAmzDate(value) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : Number.NaN;
}
async function sha256Hex(text2) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text2)));
  let hex = "";
  for (const b of digest) hex += b.toString(16).padStart(2, "0");
  return hex;
}
function constantTimeEqual(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
var WebCryptoSha256 = class {
  #secret;
  #chunks = [];
  constructor(secret) {
    this.#secret = secret === void 0 ? void 0 : toBytes(secret);
  }
  update(data) {
    this.#chunks.push(toBytes(data));
  }
  async digest() {
    const data = concat(this.#chunks);
    if (!this.#secret) return new Uint8Array(await crypto.subtle.digest("SHA-256", data));
    const key = await crypto.subtle.importKey("raw", this.#secret, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    return new Uint8Array(await crypto.subtle.sign("HMAC", key, data));
  }
  reset() {
    this.#chunks = [];
  }
};
function toBytes(data) {
  if (typeof data === "string") return new TextEncoder().encode(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}
function concat(chunks) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
function createSigV4Verifier(options) {
  const now = options.now ?? Date.now;
  const signers = /* @__PURE__ */ new Map();
  return async (request, body) => {
    const header = request.headers.get("authorization");
    if (!header) throw authError("MissingAuthenticationTokenException", "Missing Authentication Token");
    const auth = AUTH.exec(header.trim());
    const parts = auth ? authParts(auth[1]) : {};
    const credential = CREDENTIAL.exec(parts.Credential ?? "");
    const amzDate = request.headers.get("x-amz-date") ?? "";
    const missing = ["Credential", "SignedHeaders", "Signature"].filter((p) => !parts[p]);
    if (!auth || missing.length > 0 || !credential || !amzDate) {
      const needs = missing.map((p) => `Authorization header requires '${p}' parameter.`);
      if (!amzDate) needs.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
      if (parts.Credential && !credential) needs.push(`Credential should be of the form <key>/<yyyymmdd>/<region>/${SIGNING_SERVICE}/aws4_request.`);
      throw authError("IncompleteSignatureException", `${needs.join(" ") || "The Authorization header is not an AWS4-HMAC-SHA256 signature."} Authorization=${header.slice(0, 200)}`);
    }
    const [, accessKeyId, scopeDate, region, service] = credential;
    const secret = options.credentials.get(accessKeyId);
    if (secret === void 0) throw authError("UnrecognizedClientException", "The security token included in the request is invalid.");
    if (service !== SIGNING_SERVICE) throw authError("InvalidSignatureException", `Credential should be scoped to correct service: '${SIGNING_SERVICE}'.`);
    const signedAt = parseAmzDate(amzDate);
    if (Number.isNaN(signedAt) || amzDate.slice(0, 8) !== scopeDate) {
      throw authError("InvalidSignatureException", `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}'`);
    }
    const skew = signedAt - now();
    if (Math.abs(skew) > MAX_CLOCK_SKEW_MS) {
      const stamp = (ms) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, "");
      throw authError("InvalidSignatureException", skew < 0 ? `Signature expired: ${amzDate} is now earlier than ${stamp(now() - MAX_CLOCK_SKEW_MS)} (${stamp(now())} - 5 min.)` : `Signature not yet current: ${amzDate} is still later than ${stamp(now() + MAX_CLOCK_SKEW_MS)} (${stamp(now())} + 5 min.)`);
    }
    const claimedHash = request.headers.get("x-amz-content-sha256");
    if (claimedHash !== null && claimedHash !== "UNSIGNED-PAYLOAD" && claimedHash.toLowerCase() !== await sha256Hex(body)) {
      throw authError("InvalidSignatureException", "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    if (claimedHash === "UNSIGNED-PAYLOAD") throw authError("InvalidSignatureException", "This service needs a signed payload; UNSIGNED-PAYLOAD is not accepted.");
    const signedHeaders = parts.SignedHeaders.toLowerCase().split(";");
    const url = new URL(request.url);
    const headers = {};
    for (const name of signedHeaders) {
      const value = request.headers.get(name) ?? (name === "host" ? url.host : void 0);
      if (value === void 0) throw authError("InvalidSignatureException", `Signed header ${name} is not in the request.`);
      headers[name] = value;
    }
    let signer = signers.get(accessKeyId);
    if (!signer) {
      signer = new import_signature_v4.SignatureV4({ credentials: { accessKeyId, secretAccessKey: secret }, region, service: SIGNING_SERVICE, sha256: WebCryptoSha256, uriEscapePath: true, applyChecksum: false });
      signers.set(accessKeyId, signer);
    }
    const query = {};
    url.searchParams.forEach((value, key) => query[key] = value);
    const signed = await signer.sign(
      { method: request.method, protocol: url.protocol, hostname: url.hostname, path: url.pathname, query, headers, body },
      { signingDate: new Date(signedAt), signingRegion: region, signingService: service, signableHeaders: new Set(signedHeaders) }
    );
    const expected = /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization))?.[1] ?? "";
    if (!constantTimeEqual(expected, parts.Signature)) {
      throw authError(
        "InvalidSignatureException",
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
      );
    }
    return { accessKeyId, region };
  };
}
function parseCredentials(text2) {
  const out = /* @__PURE__ */ new Map();
  let key;
  let secret;
  const flush = () => {
    if (key !== void 0 && secret !== void 0) out.set(key, secret);
    key = secret = void 0;
  };
  text2.split(/\r?\n/).forEach((raw2, i) => {
    const line = raw2.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) return;
    if (/^\[.*\]$/.test(line)) return flush();
    const ini = /^(aws_access_key_id|aws_secret_access_key|aws_session_token|region|output)\s*=\s*(.*)$/i.exec(line);
    if (ini) {
      if (ini[1].toLowerCase() === "aws_access_key_id") key = ini[2];
      if (ini[1].toLowerCase() === "aws_secret_access_key") secret = ini[2];
      return;
    }
    const pair = /^([A-Za-z0-9_+/=-]+)\s*[\s:=]\s*(\S+)$/.exec(line);
    if (!pair) throw new Error(`credentials line ${i + 1} is neither "ACCESS_KEY_ID SECRET" nor an AWS credentials file entry`);
    out.set(pair[1], pair[2]);
  });
  flush();
  return out;
}

// src/corefile/command.ts
async function listNamespacesViaApi(endpoint) {
  const namespaces = await listAllPages(endpoint, "ListNamespaces", {}, "Namespaces");
  return namespaces.map((ns) => ({ name: ns.Name, type: ns.Type }));
}
var address = (value) => value === "" || value === "off" ? false : value;
function corefileOptions(flags, readFile) {
  const int = (value, flag2) => {
    if (!/^\d+$/.test(value)) throw new Error(`${flag2} must be a whole number, got ${JSON.stringify(value)}`);
    return Number(value);
  };
  const tlsWanted = flags.grpcTls || flags.tlsCa !== void 0 || flags.tlsCert !== void 0 || flags.tlsKey !== void 0 || flags.tlsServername !== void 0;
  return {
    upstream: flags.upstream,
    port: int(flags.port, "--port"),
    cacheSeconds: int(flags.cache, "--cache"),
    prometheus: address(flags.prometheus),
    health: address(flags.health),
    ready: address(flags.ready),
    ...tlsWanted && {
      tls: {
        ...flags.tlsCert !== void 0 && { cert: flags.tlsCert },
        ...flags.tlsKey !== void 0 && { key: flags.tlsKey },
        ...flags.tlsCa !== void 0 && { ca: flags.tlsCa },
        ...flags.tlsServername !== void 0 && { serverName: flags.tlsServername }
      }
    },
    ...flags.template !== void 0 && { template: readFile ? readFile(flags.template) : (() => {
      throw new Error("--template is not supported in this runtime");
    })() }
  };
}
function addCorefileCommand(program2, deps) {
  program2.command("corefile").description("print a CoreDNS server block per Cloud Map DNS namespace, forwarding it to cloudmap-dns over gRPC").option("--endpoint <url>", "Cloud Map API to list namespaces from (when no Redis URL is given)", "http://127.0.0.1:8053/").option("--redis-url <url>", "read namespaces from this Redis instead (default: $REDIS_URL)").option("--redis-prefix <prefix>", "prefix of every Redis key (default: $CLOUDMAP_REDIS_PREFIX or cloudmap:)").option("--upstream <host:port>", "the cloudmap-dns gRPC listener CoreDNS forwards to", "127.0.0.1:8054").option("--port <port>", "port of the CoreDNS server blocks", "53").option("--cache <seconds>", "most seconds CoreDNS caches an answer", "5").option("--prometheus <address>", "prometheus plugin address, or off", ":9153").option("--health <address>", "health plugin address (first block only), or off when the Corefile has health elsewhere", ":8080").option("--ready <address>", "ready plugin address, or off", ":8181").option("--grpc-tls", "reach the sidecar over TLS (system CAs unless --tls-ca)").option("--tls-ca <file>", "CA bundle CoreDNS trusts for the sidecar (implies TLS)").option("--tls-cert <file>", "client certificate CoreDNS presents (with --tls-key)").option("--tls-key <file>", "client key").option("--tls-servername <name>", "TLS server name to verify").option("--template <file>", "a server block template of your own (Go text/template subset, see corefile-templates/)").action(async (flags) => {
    const options = corefileOptions(flags, deps.readFile);
    const redisUrl = flags.redisUrl ?? (deps.env.REDIS_URL || void 0);
    let namespaces;
    if (redisUrl) {
      const store = createStore({ redisUrl, redisPrefix: flags.redisPrefix ?? deps.env.CLOUDMAP_REDIS_PREFIX ?? "cloudmap:" });
      try {
        namespaces = await store.listNamespaces();
      } finally {
        await store.close();
      }
    } else {
      namespaces = await listNamespacesViaApi(flags.endpoint);
    }
    (deps.writeOut ?? ((t) => console.log(t.replace(/\n$/, ""))))(renderCorefile(corefileZones(namespaces), options));
  });
}

// src/inspect/keyspace.ts
var import_ioredis = __toESM(require_built(), 1);
var KEY_KINDS = {
  revision: "string",
  epoch: "string",
  events: "stream",
  namespaces: "set",
  "namespace-names": "hash",
  services: "set",
  operations: "zset",
  ns: "hash",
  "ns-services": "set",
  "ns-service-names": "hash",
  svc: "hash",
  "svc-instances": "set",
  "svc-attrs": "hash",
  "svc-hosts": "hash",
  inst: "hash",
  "inst-attrs": "hash",
  op: "hash",
  req: "hash",
  tags: "hash",
  lease: "string",
  "lease-shards": "hash",
  "lease-holders": "zset",
  health: "hash"
};
var SINGLE = /* @__PURE__ */ new Set(["revision", "epoch", "events", "namespaces", "namespace-names", "services", "operations"]);
function classifyKey(keys, key) {
  const suffix = key.slice(keys.base.length);
  const colon = suffix.indexOf(":");
  const head = colon < 0 ? suffix : suffix.slice(0, colon);
  const rest = colon < 0 ? "" : suffix.slice(colon + 1);
  if (!(head in KEY_KINDS)) return { key, rest: suffix };
  const kind = head;
  if (SINGLE.has(kind) !== colon < 0) return { key, rest: suffix };
  return { key, kind, rest };
}
function globEscape(text2) {
  return text2.replace(/[*?[\]\\]/g, "\\$&");
}
async function scanKeys(client, pattern) {
  const nodes = client instanceof import_ioredis.Cluster ? await clusterMasters(client) : [client];
  const found = /* @__PURE__ */ new Set();
  for (const node of nodes) {
    let cursor = "0";
    do {
      const [next, keys] = await node.scan(cursor, "MATCH", pattern, "COUNT", 1e3);
      for (const key of keys) found.add(key);
      cursor = next;
    } while (cursor !== "0");
  }
  return [...found].sort();
}
async function clusterMasters(cluster) {
  if (cluster.status !== "ready") {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the Redis Cluster was not ready within 10 s")), 1e4);
      cluster.once("ready", () => (clearTimeout(timer), resolve()));
      if (cluster.status === "wait") cluster.connect().catch(() => {
      });
    });
  }
  return cluster.nodes("master");
}

// src/inspect/check.ts
var HEALTH = /* @__PURE__ */ new Set(["HEALTHY", "UNHEALTHY", "UNKNOWN"]);
async function checkInvariants(client, keys) {
  const all = (await scanKeys(client, `${globEscape(keys.base)}*`)).map((key) => classifyKey(keys, key));
  const violations = [];
  const add = (key, rule, message) => void violations.push({ key, rule, message });
  const byKind = /* @__PURE__ */ new Map();
  for (const k of all) {
    if (!k.kind) add(k.key, "key-kind", "a key of no kind docs/redis-keys.md lists (written by hand or by another program?)");
    else byKind.set(k.kind, [...byKind.get(k.kind) ?? [], k]);
  }
  const of = (kind) => byKind.get(kind) ?? [];
  const exists = new Set(all.map((k) => k.key));
  const typed = all.filter((k) => k.kind);
  const types = await run(client, (p) => typed.forEach((k) => p.type(k.key)));
  typed.forEach((k, i) => {
    const want = KEY_KINDS[k.kind];
    if (types[i] !== want) add(k.key, "key-type", `is a ${String(types[i])}, must be a ${want}`);
  });
  const typeOf = new Map(typed.map((k, i) => [k.key, types[i]]));
  const isType = (key, kind) => typeOf.get(key) === KEY_KINDS[kind];
  const [revisionText, epoch, last] = await run(client, (p) => p.get(keys.revision).get(keys.epoch).xrevrange(keys.events, "+", "-", "COUNT", 1));
  const revision = Number(revisionText ?? 0);
  if (revisionText !== null && !/^\d+$/.test(String(revisionText))) add(keys.revision, "revision", `holds ${JSON.stringify(revisionText)}, not a number`);
  const lastId = last?.[0]?.[0];
  if (isType(keys.events, "events") && lastId !== `${revision}-0`) {
    add(keys.revision, "revision-stream", `is ${revision}, but the last change event is ${lastId ?? "none"} (every write sets the revision to its event's id)`);
  }
  if (revision > 0 && !exists.has(keys.events)) add(keys.events, "revision-stream", `is missing while the revision is ${revision}: followers cannot follow`);
  if (isType(keys.events, "events")) await checkStreamIds(client, keys.events, add);
  const hasState = revision > 0 || of("ns").length > 0 || of("svc").length > 0;
  if (hasState && epoch === null) add(keys.epoch, "epoch", "is missing: every follower will take it as a Redis reset and reload its view once");
  const nsIds = of("ns").map((k) => k.rest);
  const svcIds = of("svc").map((k) => k.rest);
  const [nsSet, nsNames, svcSet, opIds, ...hashes] = await run(client, (p) => {
    p.smembers(keys.namespaces).hgetall(keys.namespaceNames).smembers(keys.services).zrange(keys.operations, 0, -1);
    for (const id of nsIds) p.hgetall(keys.namespace(id));
    for (const id of svcIds) p.hgetall(keys.service(id));
  });
  const namespaces = new Map(nsIds.map((id, i) => [id, hashes[i] ?? {}]));
  const services = new Map(svcIds.map((id, i) => [id, hashes[nsIds.length + i] ?? {}]));
  const inSet = new Set(nsSet);
  for (const id of inSet) if (!namespaces.has(id)) add(keys.namespace(id), "namespace-index", `is missing, but ${keys.namespaces} lists ${id}`);
  for (const [id, ns] of namespaces) {
    if (!inSet.has(id)) add(keys.namespace(id), "namespace-index", `is not in ${keys.namespaces}`);
    if (ns.id !== id) add(keys.namespace(id), "namespace-id", `has id ${JSON.stringify(ns.id)}`);
    const lower = (ns.name ?? "").toLowerCase();
    if ((nsNames ?? {})[lower] !== id) add(keys.namespaceNames, "namespace-names", `does not map ${JSON.stringify(lower)} to ${id}`);
  }
  for (const [name, id] of Object.entries(nsNames ?? {})) {
    const ns = namespaces.get(id);
    if (!ns) add(keys.namespaceNames, "namespace-names", `maps ${JSON.stringify(name)} to ${id}, which does not exist`);
    else if ((ns.name ?? "").toLowerCase() !== name) add(keys.namespaceNames, "namespace-names", `maps ${JSON.stringify(name)} to ${id}, named ${JSON.stringify(ns.name)}`);
  }
  const svcInSet = new Set(svcSet);
  for (const id of svcInSet) if (!services.has(id)) add(keys.service(id), "service-index", `is missing, but ${keys.services} lists ${id}`);
  const nsServices = of("ns-services").map((k) => k.rest);
  const nsServiceNames = of("ns-service-names").map((k) => k.rest);
  const svcInstances = of("svc-instances").map((k) => k.rest);
  const svcHosts = of("svc-hosts").map((k) => k.rest);
  const indexes = await run(client, (p) => {
    for (const ns of nsServices) p.smembers(keys.servicesOf(ns));
    for (const ns of nsServiceNames) p.hgetall(keys.serviceNames(ns));
    for (const s of svcInstances) p.smembers(keys.instancesOf(s));
    for (const s of svcHosts) p.hgetall(keys.serviceHosts(s));
  });
  let at = 0;
  const servicesOfNs = new Map(nsServices.map((ns) => [ns, new Set(indexes[at++])]));
  const namesOfNs = new Map(nsServiceNames.map((ns) => [ns, indexes[at++] ?? {}]));
  const instancesOfSvc = new Map(svcInstances.map((s) => [s, new Set(indexes[at++])]));
  const hostsOfSvc = new Map(svcHosts.map((s) => [s, indexes[at++] ?? {}]));
  for (const [id, svc] of services) {
    if (!svcInSet.has(id)) add(keys.service(id), "service-index", `is not in ${keys.services}`);
    if (svc.id !== id) add(keys.service(id), "service-id", `has id ${JSON.stringify(svc.id)}`);
    const ns = svc.namespaceId ?? "";
    if (!namespaces.has(ns)) add(keys.service(id), "service-namespace", `names namespace ${JSON.stringify(ns)}, which does not exist`);
    if (!servicesOfNs.get(ns)?.has(id)) add(keys.servicesOf(ns), "namespace-services", `does not list service ${id} of that namespace`);
    const lower = (svc.name ?? "").toLowerCase();
    if (namesOfNs.get(ns)?.[lower] !== id) add(keys.serviceNames(ns), "service-names", `does not map ${JSON.stringify(lower)} to ${id}`);
    if (Number(svc.instancesRevision ?? 0) > revision) add(keys.service(id), "instances-revision", `has instancesRevision ${svc.instancesRevision}, above the revision ${revision}`);
  }
  for (const [ns, ids] of servicesOfNs) {
    if (!namespaces.has(ns)) add(keys.servicesOf(ns), "namespace-services", "belongs to a namespace that does not exist");
    for (const id of ids) if (services.get(id)?.namespaceId !== ns) add(keys.servicesOf(ns), "namespace-services", `lists ${id}, which is not a service of this namespace`);
  }
  for (const [ns, names] of namesOfNs) {
    if (!namespaces.has(ns)) add(keys.serviceNames(ns), "service-names", "belongs to a namespace that does not exist");
    for (const [name, id] of Object.entries(names)) {
      const svc = services.get(id);
      if (!svc || svc.namespaceId !== ns || (svc.name ?? "").toLowerCase() !== name) add(keys.serviceNames(ns), "service-names", `maps ${JSON.stringify(name)} to ${id}, which is not a service of that name here`);
    }
  }
  const instKeys = of("inst").map((k) => splitInstance(k.rest));
  const instFields = await run(client, (p) => instKeys.forEach(([s, i]) => p.hmget(keys.instance(s, i), "id", "serviceId", "healthStatus")));
  const instances = /* @__PURE__ */ new Set();
  instKeys.forEach(([s, i], n) => {
    const key = keys.instance(s, i);
    const [id, serviceId, health] = instFields[n] ?? [];
    instances.add(`${s}
${i}`);
    if (!services.has(s)) add(key, "instance-service", `belongs to service ${s}, which does not exist`);
    if (!instancesOfSvc.get(s)?.has(i)) add(key, "instance-index", `is not in ${keys.instancesOf(s)}`);
    if (id !== i || serviceId !== s) add(key, "instance-id", `has id ${JSON.stringify(id)} and serviceId ${JSON.stringify(serviceId)}`);
    if (!HEALTH.has(health ?? "")) add(key, "health-status", `has healthStatus ${JSON.stringify(health)}, not HEALTHY, UNHEALTHY or UNKNOWN`);
  });
  for (const [s, ids] of instancesOfSvc) {
    if (!services.has(s)) add(keys.instancesOf(s), "instance-index", "belongs to a service that does not exist");
    for (const i of ids) if (!instances.has(`${s}
${i}`)) add(keys.instance(s, i), "instance-index", `is missing, but ${keys.instancesOf(s)} lists ${i}`);
  }
  for (const [s, hosts] of hostsOfSvc) {
    for (const [lower, id] of Object.entries(hosts)) {
      if (!instances.has(`${s}
${id}`) || id.toLowerCase() !== lower) add(keys.serviceHosts(s), "service-hosts", `maps ${JSON.stringify(lower)} to ${JSON.stringify(id)}, which is not an instance of that host name`);
    }
  }
  for (const k of of("inst-attrs")) {
    const [s, i] = splitInstance(k.rest);
    if (!instances.has(`${s}
${i}`)) add(k.key, "attributes-owner", `belongs to instance ${i} of ${s}, which does not exist`);
  }
  for (const k of [...of("svc-attrs"), ...of("svc-hosts")]) if (!services.has(k.rest)) add(k.key, "service-owner", `belongs to service ${k.rest}, which does not exist`);
  const arns = new Set([...namespaces.values(), ...services.values()].map((r) => r.arn));
  for (const k of of("tags")) if (!arns.has(k.rest)) add(k.key, "tags-owner", "belongs to no namespace or service with that ARN");
  const ops = new Set(opIds);
  for (const k of of("op")) if (!ops.has(k.rest)) add(k.key, "operation-index", `is not in ${keys.operations}`);
  return { keysChecked: all.length, revision, violations };
}
function splitInstance(rest) {
  const colon = rest.indexOf(":");
  return colon < 0 ? [rest, ""] : [rest.slice(0, colon), rest.slice(colon + 1)];
}
async function checkStreamIds(client, stream, add) {
  let start = "-";
  let previous;
  for (; ; ) {
    const page = await client.xrange(stream, start, "+", "COUNT", 1e3);
    for (const [id] of page) {
      const match2 = /^(\d+)-0$/.exec(id);
      if (!match2) return add(stream, "stream-ids", `has entry ${id}, not REVISION-0`);
      const n = Number(match2[1]);
      if (previous !== void 0 && n !== previous + 1) return add(stream, "stream-ids", `jumps from ${previous}-0 to ${id} (entry ids are consecutive revisions)`);
      previous = n;
    }
    if (page.length < 1e3) return;
    start = `(${page[page.length - 1][0]}`;
  }
}
async function run(client, build) {
  const p = client.pipeline();
  build(p);
  if (p.length === 0) return [];
  const results = await p.exec() ?? [];
  return results.map(([error, value]) => {
    if (!error) return value;
    if (/^WRONGTYPE/.test(error.message)) return void 0;
    throw error;
  });
}

// src/inspect/follow.ts
function formatEvent(e) {
  const attrs = (a) => Object.entries(a).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => `${k}=${v}`).join(" ");
  const body = (() => {
    switch (e.type) {
      case "NamespaceUpserted":
        return `${e.namespace.id}  ${e.namespace.name}  ${e.namespace.type}`;
      case "NamespaceDeleted":
        return e.namespaceId;
      case "ServiceUpserted":
        return `${e.service.id}  ${e.service.name}  in ${e.service.namespaceId}${e.service.dnsRecords?.length ? `  ${e.service.dnsRecords.map((r) => `${r.type}:${r.ttl}`).join(",")}` : ""}`;
      case "ServiceDeleted":
        return `${e.serviceId}  in ${e.namespaceId}`;
      case "InstanceUpserted":
        return `${e.instance.serviceId}/${e.instance.id}  ${e.instance.healthStatus}  ${attrs(e.instance.attributes)}`.trimEnd();
      case "InstanceHealthChanged":
        return `${e.serviceId}/${e.instanceId}  ${e.healthStatus}`;
      case "InstanceDeleted":
        return `${e.serviceId}/${e.instanceId}`;
    }
  })();
  return `${e.revision}-0  ${e.type}  ${body}`;
}
async function followChanges(store, o) {
  let printed = 0;
  let subscription;
  let finish;
  const done = new Promise((resolve) => finish = resolve);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await subscription?.close();
    finish();
  };
  const subscribe = (after) => {
    subscription = store.subscribe(after, {
      onEvents: (events) => {
        for (const e of events) {
          if (stopped) return;
          o.write(o.json ? JSON.stringify(e) : formatEvent(e));
          if (o.count !== void 0 && ++printed >= o.count) return void stop();
        }
      },
      onGap: (reason) => {
        void (async () => {
          await subscription?.close();
          if (stopped) return;
          const revision = await store.revision();
          o.write(o.json ? JSON.stringify({ gap: reason ?? "the change feed cannot continue", continuingAfter: revision }) : `! gap: ${reason ?? "the change feed cannot continue"}; continuing after revision ${revision}`);
          subscribe(revision);
        })();
      },
      onError: (error) => o.write(o.json ? JSON.stringify({ error: error.message }) : `! ${error.message} (retrying)`)
    });
  };
  subscribe(o.from ?? await store.revision());
  if (o.count === 0) await stop();
  return { done, stop };
}

// src/inspect/render.ts
function selectState(state, o) {
  const matches = (filter, r) => filter === void 0 || r.id === filter || r.name.toLowerCase() === filter.toLowerCase();
  let namespaces = state.namespaces.filter((ns) => matches(o.namespace, ns));
  if (o.namespace !== void 0 && namespaces.length === 0) throw new Error(`--namespace ${JSON.stringify(o.namespace)}: no namespace has this name or id`);
  const nsIds = new Set(namespaces.map((ns) => ns.id));
  const services = state.services.filter((svc) => nsIds.has(svc.namespaceId) && matches(o.service, svc));
  if (o.service !== void 0) {
    if (services.length === 0) throw new Error(`--service ${JSON.stringify(o.service)}: no service has this name or id${o.namespace ? " in that namespace" : ""}`);
    const keep = new Set(services.map((s) => s.namespaceId));
    namespaces = namespaces.filter((ns) => keep.has(ns.id));
  }
  const svcIds = new Set(services.map((s) => s.id));
  return {
    ...state,
    namespaces,
    services,
    instances: state.instances.filter((i) => svcIds.has(i.serviceId)),
    lastChecks: state.lastChecks.filter((c) => svcIds.has(c.serviceId))
  };
}
var ago = (ms) => ms < 1e3 ? `${Math.max(0, Math.round(ms))} ms ago` : `${Math.round(ms / 1e3)} s ago`;
function renderState(state, o = {}) {
  const now = o.now ?? Date.now();
  const k = o.keys;
  const key = (name) => k && name ? `  [${name}]` : "";
  const lines = [];
  const head = [`source ${state.source}`];
  if (state.revision !== void 0) head.push(`revision ${state.revision}`);
  if (state.epoch !== void 0) head.push(state.epoch === null ? "epoch MISSING" : `epoch ${state.epoch}`);
  lines.push(head.join("  "));
  if (state.leases) {
    const counts = /* @__PURE__ */ new Map();
    for (const s of state.leases.shards) if (s.expiresAt > now) counts.set(s.holder, (counts.get(s.holder) ?? 0) + 1);
    const holders = state.leases.holders.filter((h) => h.expiresAt > now);
    lines.push(`health checkers: ${holders.length} live (${holders.map((h) => `${h.holder} holds ${counts.get(h.holder) ?? 0} shards`).join(", ") || "none"})`);
  }
  if (state.namespaces.length === 0) lines.push("", "(no namespaces)");
  const checks = new Map(state.lastChecks.map((c) => [`${c.serviceId}
${c.instanceId}`, c]));
  for (const ns of [...state.namespaces].sort((a, b) => a.name.localeCompare(b.name))) {
    const services = state.services.filter((s) => s.namespaceId === ns.id).sort((a, b) => a.name.localeCompare(b.name));
    lines.push("", `namespace ${ns.name}  ${ns.id}  ${ns.type}${ns.vpc ? `  ${ns.vpc}` : ""}  services ${services.length}${key(k?.namespace(ns.id))}`);
    for (const svc of services) {
      const instances = state.instances.filter((i) => i.serviceId === svc.id).sort((a, b) => a.id.localeCompare(b.id));
      const parts = [`service ${svc.name}`, svc.id, svc.type];
      if (svc.routingPolicy) parts.push(svc.routingPolicy);
      if (svc.dnsRecords?.length) parts.push(svc.dnsRecords.map((r) => `${r.type}:${r.ttl}`).join(","));
      const hc = svc.healthCheckConfig;
      if (hc) parts.push(`health-check ${hc.type}${hc.resourcePath ? ` ${hc.resourcePath}` : ""} x${hc.failureThreshold ?? 1}`);
      if (svc.healthCheckCustom) parts.push("health-check custom");
      parts.push(`instances ${instances.length}`);
      lines.push(`  ${parts.join("  ")}${key(k?.service(svc.id))}`);
      for (const inst of instances) {
        const attrs = Object.entries(inst.attributes).sort(([a], [b]) => a.localeCompare(b)).map(([a, v]) => `${a}=${v}`).join(" ");
        lines.push(`    instance ${inst.id}  ${inst.healthStatus ?? "-"}  ${attrs}${key(k?.instance(svc.id, inst.id))}`);
        const c = checks.get(`${svc.id}
${inst.id}`);
        if (c) {
          const streak = c.outcome === "success" ? `${c.consecutiveSuccesses} ok in a row` : `${c.consecutiveFailures} failed in a row`;
          lines.push(`      last check ${ago(now - c.time)}  ${c.outcome}  ${c.detail}  ${c.latencyMs} ms  ${c.target}  ${streak}  by ${c.checkedBy}`);
        }
      }
    }
  }
  return `${lines.join("\n")}
`;
}
function renderJson(state) {
  return `${JSON.stringify(state, null, 2)}
`;
}

// src/store/redis/shard-leases.ts
import { hostname } from "node:os";
var SCRIPT = "shardLeases-2.lua";
var COMMAND = "cloudmap_shardLeases";
var LUA = loadLua(SCRIPT);
function holderId() {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}
var ShardLeases = class {
  #o;
  #held = /* @__PURE__ */ new Set();
  #validUntil = 0;
  #emitted = /* @__PURE__ */ new Set();
  #timer;
  #expiry;
  #running = false;
  constructor(options) {
    const renewMs = options.renewMs ?? Math.floor(options.ttlMs / 4);
    if (!(renewMs > 0) || renewMs * 2 >= options.ttlMs) throw new Error(`renewMs (${renewMs}) must be above 0 and less than half of ttlMs (${options.ttlMs})`);
    if (!Number.isInteger(options.shards) || options.shards < 1) throw new Error(`shards must be a positive integer, got ${options.shards}`);
    this.#o = { now: () => performance.now(), ...options, renewMs };
    const redis = options.redis;
    if (typeof redis[COMMAND] !== "function") redis.defineCommand(COMMAND, { lua: LUA, numberOfKeys: numberOfKeys(SCRIPT) });
  }
  /** This holder's id. */
  get holder() {
    return this.#o.holder;
  }
  /** True while this holder may act on `shard` (held, and its lease has not run out by our clock). */
  holds(shard) {
    return this.#o.now() < this.#validUntil && this.#held.has(shard);
  }
  /** The shards this holder may act on now. */
  held() {
    return this.#o.now() < this.#validUntil ? this.#held : /* @__PURE__ */ new Set();
  }
  /** Makes the first call, then keeps renewing every `renewMs` until `stop()`. */
  async start() {
    if (this.#running) return;
    this.#running = true;
    await this.renew();
    this.#schedule();
  }
  /**
   * One call of the script (hold: renew, rebalance, acquire). Errors go to
   * `onError`; the shards held stay valid until they run out.
   */
  async renew() {
    const sent = this.#o.now();
    const { keys, group, holder, ttlMs, shards, renewMs } = this.#o;
    try {
      await whenReady(this.#o.redis, renewMs);
      const reply = await this.#call(keys.leaseShards(group), keys.leaseHolders(group), holder, ttlMs, shards, "hold");
      this.#held = new Set(reply.slice(1).map(Number));
      this.#validUntil = sent + ttlMs - renewMs;
      clearTimeout(this.#expiry);
      this.#expiry = setTimeout(() => this.#emit(), Math.max(0, this.#validUntil - this.#o.now()) + 1);
      this.#o.onRenewed?.(this.#held);
    } catch (error) {
      this.#o.onError?.(error instanceof Error ? error : new Error(String(error)));
    }
    this.#emit();
  }
  /** Stops renewing and gives every shard up (best effort: if Redis is unreachable they run out on their own). */
  async stop() {
    this.#running = false;
    clearTimeout(this.#timer);
    clearTimeout(this.#expiry);
    const wasValid = this.#o.now() < this.#validUntil;
    this.#validUntil = 0;
    this.#held = /* @__PURE__ */ new Set();
    this.#emit();
    if (!wasValid) return;
    const { keys, group, holder, ttlMs, shards } = this.#o;
    await this.#call(keys.leaseShards(group), keys.leaseHolders(group), holder, ttlMs, shards, "release").catch(() => {
    });
  }
  #schedule() {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      void this.renew().finally(() => this.#schedule());
    }, this.#o.renewMs);
  }
  #emit() {
    const now = this.held();
    if (now.size === this.#emitted.size && [...now].every((s) => this.#emitted.has(s))) return;
    this.#emitted = now;
    this.#o.onChange?.(now);
  }
  #call(...args) {
    return this.#o.redis[COMMAND](...args);
  }
};
async function readShardLeases(redis, keys, group) {
  const [hash, holders] = await Promise.all([redis.hgetall(keys.leaseShards(group)), redis.zrange(keys.leaseHolders(group), 0, -1, "WITHSCORES")]);
  const shards = [];
  for (const [field, holder] of Object.entries(hash)) {
    if (!/^\d+$/.test(field)) continue;
    shards.push({ shard: Number(field), holder, expiresAt: Number(hash[`${field}:until`] ?? 0) });
  }
  shards.sort((a, b) => a.shard - b.shard);
  const list = [];
  for (let i = 0; i + 1 < holders.length; i += 2) list.push({ holder: holders[i], expiresAt: Number(holders[i + 1]) });
  return { holders: list, shards };
}

// src/health/results.ts
var FIELDS = ["time", "outcome", "latencyMs", "detail", "target", "lagMs", "consecutiveSuccesses", "consecutiveFailures", "checkedBy"];
var RedisCheckResults = class {
  #o;
  #pending = /* @__PURE__ */ new Map();
  #timer;
  #flushing = Promise.resolve();
  constructor(options) {
    this.#o = { flushMs: 200, ...options };
  }
  checked(report) {
    this.#queue(this.#o.keys.healthCheck(report.serviceId, report.instanceId), report);
  }
  forgotten(serviceId, instanceId, reason) {
    if (reason !== "shard-moved") this.#queue(this.#o.keys.healthCheck(serviceId, instanceId), null);
  }
  /** Writes what is queued now; resolves when Redis answered (or failed). */
  flush() {
    clearTimeout(this.#timer);
    this.#timer = void 0;
    const batch = this.#pending;
    this.#pending = /* @__PURE__ */ new Map();
    if (batch.size === 0) return this.#flushing;
    const pipeline = this.#o.redis.pipeline();
    for (const [key, report] of batch) {
      if (report === null) {
        pipeline.del(key);
        continue;
      }
      pipeline.hset(key, ...FIELDS.flatMap((f) => [f, String(report[f])]));
      pipeline.pexpire(key, this.#o.retentionMs);
    }
    this.#flushing = pipeline.exec().then(
      (replies) => {
        const failed = replies?.find(([error]) => error)?.[0];
        if (failed) this.#o.onError?.(failed);
      },
      (error) => this.#o.onError?.(error)
    );
    return this.#flushing;
  }
  /** Flushes and stops the batch timer. */
  async close() {
    await this.flush();
  }
  #queue(key, value) {
    this.#pending.set(key, value);
    this.#timer ??= setTimeout(() => void this.flush(), this.#o.flushMs);
  }
};
function fromHash(serviceId, instanceId, hash) {
  if (!hash.time || hash.outcome !== "success" && hash.outcome !== "failure") return void 0;
  return {
    serviceId,
    instanceId,
    time: Number(hash.time),
    outcome: hash.outcome,
    latencyMs: Number(hash.latencyMs),
    detail: hash.detail ?? "",
    target: hash.target ?? "",
    lagMs: Number(hash.lagMs),
    consecutiveSuccesses: Number(hash.consecutiveSuccesses),
    consecutiveFailures: Number(hash.consecutiveFailures),
    checkedBy: hash.checkedBy ?? ""
  };
}
async function readCheckResults(redis, keys, select = {}) {
  let pairs;
  if (select.serviceId && select.instanceIds) {
    pairs = select.instanceIds.map((id) => [select.serviceId, id]);
  } else {
    const base = keys.healthCheck(select.serviceId ?? "", "").slice(0, select.serviceId ? void 0 : -1);
    const pattern = `${base.replace(/[*?[\]\\]/g, "\\$&")}*`;
    pairs = [];
    let cursor = "0";
    const stem = keys.healthCheck("", "").slice(0, -1);
    do {
      const [next, found] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1e3);
      for (const key of found) {
        const rest = key.slice(stem.length);
        const colon = rest.indexOf(":");
        if (colon > 0) pairs.push([rest.slice(0, colon), rest.slice(colon + 1)]);
      }
      cursor = next;
    } while (cursor !== "0");
  }
  if (pairs.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const [s, i] of pairs) pipeline.hgetall(keys.healthCheck(s, i));
  const replies = await pipeline.exec() ?? [];
  return pairs.flatMap(([s, i], n) => {
    const check2 = fromHash(s, i, replies[n]?.[1] ?? {});
    return check2 ? [check2] : [];
  });
}

// src/health/inspect.ts
var HEALTH_LEASE_GROUP = "health";
function redisHealthInspector(redis, keys) {
  return {
    lastChecks: (select) => readCheckResults(redis, keys, select),
    leases: () => readShardLeases(redis, keys, HEALTH_LEASE_GROUP)
  };
}
function checkerInspector(checker) {
  return {
    lastChecks: async (select = {}) => {
      const all = checker.lastChecks(select.serviceId);
      return select.instanceIds ? all.filter((r) => select.instanceIds.includes(r.instanceId)) : all;
    },
    leases: async () => void 0
  };
}

// src/inspect/state.ts
async function readRedisState(store, client, keys, source) {
  const snapshot = await store.snapshot();
  const epoch = await client.get(keys.epoch);
  const byService = /* @__PURE__ */ new Map();
  for (const i of snapshot.instances) byService.set(i.serviceId, [...byService.get(i.serviceId) ?? [], i.id]);
  const lastChecks = [];
  for (const [serviceId, instanceIds] of byService) lastChecks.push(...await readCheckResults(client, keys, { serviceId, instanceIds }));
  const leases = await readShardLeases(client, keys, HEALTH_LEASE_GROUP);
  return {
    source,
    revision: snapshot.revision,
    epoch,
    namespaces: snapshot.namespaces,
    services: snapshot.services,
    instances: snapshot.instances,
    lastChecks,
    ...(leases.holders.length > 0 || leases.shards.length > 0) && { leases }
  };
}
async function readApiState(endpoint) {
  const state = { source: `api ${endpoint}`, namespaces: [], services: [], instances: [], lastChecks: [] };
  for (const ns of await listAllPages(endpoint, "ListNamespaces", {}, "Namespaces")) {
    state.namespaces.push({ id: String(ns.Id), name: String(ns.Name), type: ns.Type, ...ns.Description ? { description: String(ns.Description) } : {} });
    const filter = { Filters: [{ Name: "NAMESPACE_ID", Values: [ns.Id], Condition: "EQ" }] };
    for (const svc of await listAllPages(endpoint, "ListServices", filter, "Services")) {
      const dns = svc.DnsConfig;
      const hc = svc.HealthCheckConfig;
      state.services.push({
        id: String(svc.Id),
        name: String(svc.Name),
        namespaceId: String(ns.Id),
        type: svc.Type,
        ...dns?.RoutingPolicy && { routingPolicy: dns.RoutingPolicy },
        ...dns?.DnsRecords && { dnsRecords: dns.DnsRecords.map((r) => ({ type: r.Type, ttl: r.TTL })) },
        ...hc && { healthCheckConfig: { type: hc.Type, ...hc.ResourcePath && { resourcePath: hc.ResourcePath }, ...hc.FailureThreshold && { failureThreshold: hc.FailureThreshold } } },
        ...svc.HealthCheckCustomConfig ? { healthCheckCustom: true } : {}
      });
      const health = {};
      try {
        let token;
        do {
          const page = await callCloudMap(endpoint, "GetInstancesHealthStatus", { ServiceId: svc.Id, ...token && { NextToken: token } });
          Object.assign(health, page.Status ?? {});
          token = page.NextToken;
        } while (token);
      } catch {
      }
      for (const inst of await listAllPages(endpoint, "ListInstances", { ServiceId: svc.Id }, "Instances")) {
        const id = String(inst.Id);
        state.instances.push({ id, serviceId: String(svc.Id), attributes: inst.Attributes ?? {}, ...health[id] && { healthStatus: health[id] } });
      }
    }
  }
  return state;
}

// src/inspect/command.ts
var NEEDS_REDIS = "needs Redis state (--redis-url or REDIS_URL, --redis-sentinels or --redis-cluster-nodes): with memory state the data lives inside the server process, and only its Cloud Map API is readable (inspect without this flag)";
function count(value, flag2) {
  if (!/^\d+$/.test(value)) throw new Error(`${flag2} must be a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}
function filters(flags) {
  return { ...flags.namespace !== void 0 && { namespace: flags.namespace }, ...flags.service !== void 0 && { service: flags.service } };
}
function addInspectCommand(program2, deps) {
  const command = program2.command("inspect").description("show namespaces, services and instances with health; --follow the change stream; --check the Redis key invariants").option("--redis-prefix <prefix>", "prefix of every Redis key (default: $CLOUDMAP_REDIS_PREFIX or cloudmap:)").option("--redis-connect-timeout <seconds>", "give up when Redis does not answer within this time (default: 10)").option("--endpoint <url>", "Cloud Map API to read from when no Redis is given (memory state)", "http://127.0.0.1:8053/").option("--namespace <name|id>", "only this namespace").option("--service <name|id>", "only this service").option("--keys", "print the Redis key of each record (for redis-cli HGETALL)").option("--json", "print JSON instead of text").option("--follow", "print the change stream live, one event per line (Ctrl-C stops)").option("--from <revision>", "with --follow: start after this revision (0: everything the stream still holds; default: only new events)").option("--count <n>", "with --follow: stop after this many events").option("--check", "verify the key invariants of docs/redis-keys.md; exit 1 naming each violation");
  for (const [flags, description] of REDIS_OPTIONS) command.option(flags, description);
  command.action((flags) => inspect(flags, deps));
}
async function inspect(flags, deps) {
  const out = deps.writeOut ?? ((text2) => console.log(text2.replace(/\n$/, "")));
  if ([flags.follow, flags.check].filter(Boolean).length > 1) throw new Error("--follow and --check exclude each other");
  if ((flags.from !== void 0 || flags.count !== void 0) && !flags.follow) throw new Error("--from and --count go with --follow");
  const target = resolveRedisTarget(flags, deps.env);
  if (!target) {
    if (flags.follow) throw new Error(`--follow ${NEEDS_REDIS}`);
    if (flags.check) throw new Error(`--check ${NEEDS_REDIS}`);
    if (flags.keys) throw new Error(`--keys ${NEEDS_REDIS}`);
    const state = selectState(await readApiState(flags.endpoint), filters(flags));
    out(flags.json ? renderJson(state) : renderState(state));
    return;
  }
  const prefix = flags.redisPrefix ?? deps.env.CLOUDMAP_REDIS_PREFIX ?? "cloudmap:";
  const keys = new RedisKeys(prefix);
  const timeoutMs = Math.round(Number(flags.redisConnectTimeout ?? deps.env.CLOUDMAP_REDIS_CONNECT_TIMEOUT ?? "10") * 1e3);
  if (!(timeoutMs > 0)) throw new Error(`--redis-connect-timeout must be a number of seconds above 0, got ${JSON.stringify(flags.redisConnectTimeout)}`);
  await waitForRedis(target, timeoutMs, { probeKey: keys.revision });
  const store = new RedisStore({ target, prefix });
  const client = createRedisClient(target, { ...commandConnectionOptions({ connectTimeoutMs: timeoutMs, commandTimeoutMs: 3e4 }), connectionName: "cloudmap-inspect" });
  client.on("error", () => {
  });
  try {
    await whenReady(client, timeoutMs);
    if (flags.follow) {
      const following = await followChanges(store, {
        ...flags.from !== void 0 && { from: count(flags.from, "--from") },
        ...flags.count !== void 0 && { count: count(flags.count, "--count") },
        ...flags.json && { json: true },
        write: out
      });
      deps.onRunning?.(following.stop);
      await following.done;
      return;
    }
    if (flags.check) {
      const result = await checkInvariants(client, keys);
      if (flags.json) out(`${JSON.stringify(result, null, 2)}
`);
      else {
        for (const v of result.violations) out(`${v.key}: ${v.message} [${v.rule}]`);
        out(`checked ${result.keysChecked} keys under ${keys.base} at revision ${result.revision}: ${result.violations.length === 0 ? "no violations" : `${result.violations.length} violation${result.violations.length === 1 ? "" : "s"}`}`);
      }
      if (result.violations.length > 0) throw new Error(`--check found ${result.violations.length} violation${result.violations.length === 1 ? "" : "s"} of docs/redis-keys.md`);
      return;
    }
    const state = selectState(await readRedisState(store, client, keys, `${describeRedisTarget(target)} prefix ${prefix}`), filters(flags));
    out(flags.json ? renderJson(state) : renderState(state, flags.keys ? { keys } : {}));
  } finally {
    client.disconnect();
    await store.close();
  }
}

// src/lifecycle.ts
var FLUSH_MS = 100;
var InFlight = class {
  #count = 0;
  #idle = [];
  /** Requests in flight now. */
  get count() {
    return this.#count;
  }
  /** `fetch`, counted from the call until its Response (or error) is produced. */
  wrap(fetch) {
    return async (request) => {
      this.#count++;
      try {
        return await fetch(request);
      } finally {
        this.#count--;
        if (this.#count === 0) for (const resolve of this.#idle.splice(0)) resolve();
      }
    };
  }
  /**
   * Resolves when no request is in flight, or after `timeoutMs` milliseconds.
   * @returns true when idle, false on timeout
   */
  idle(timeoutMs) {
    if (this.#count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.#idle = this.#idle.filter((d) => d !== done);
        resolve(false);
      }, timeoutMs);
      this.#idle.push(done);
    });
  }
};
function countingRuntime(runtime, inFlight) {
  return { ...runtime, startHttpServer: (options) => runtime.startHttpServer({ ...options, fetch: inFlight.wrap(options.fetch) }) };
}
function stopOnSignals(o) {
  const { server, inFlight, logger, drainMs = 1e4, closeMs = 5e3 } = o;
  let stopping = false;
  const stop = (signal) => {
    if (stopping) {
      logger.warn({ signal }, `received ${signal} again; exiting without finishing the shutdown`);
      o.exit(1);
      return;
    }
    stopping = true;
    const started = Date.now();
    logger.info({ signal, inFlight: inFlight.count, drainMs }, `received ${signal}; draining requests in flight and stopping`);
    void (async () => {
      const drained = await inFlight.idle(drainMs);
      await new Promise((resolve) => setTimeout(resolve, FLUSH_MS));
      let timer;
      const closed = await Promise.race([
        server.close().then(() => true, (error) => (logger.error({ err: error.message }, "error while closing"), false)),
        new Promise((resolve) => timer = setTimeout(() => resolve(false), closeMs))
      ]);
      clearTimeout(timer);
      const fields = { signal, ms: Date.now() - started, drained, abandonedRequests: drained ? 0 : inFlight.count };
      if (closed) logger.info(fields, `stopped on ${signal}`);
      else logger.error({ ...fields, closeMs }, `stopped on ${signal} without closing cleanly`);
      o.exit(closed ? 0 : 1);
    })();
  };
  o.onSignal("SIGTERM", () => stop("SIGTERM"));
  o.onSignal("SIGINT", () => stop("SIGINT"));
}

// node_modules/hono/dist/http-exception.js
var HTTPException = class extends Error {
  res;
  status;
  /**
  * Creates an instance of `HTTPException`.
  * @param status - HTTP status code for the exception. Defaults to 500.
  * @param options - Additional options for the exception.
  */
  constructor(status = 500, options) {
    super(options?.message, { cause: options?.cause });
    this.res = options?.res;
    this.status = status;
  }
  /**
  * Returns the response object associated with the exception.
  * If a response object is not provided, a new response is created with the error message and status code.
  * @returns The response object.
  */
  getResponse() {
    if (this.res) return new Response(this.res.body, {
      status: this.status,
      headers: this.res.headers
    });
    return new Response(this.message, { status: this.status });
  }
};

// node_modules/hono/dist/request/constants.js
var GET_MATCH_RESULT = /* @__PURE__ */ Symbol();

// node_modules/hono/dist/utils/buffer.js
var bufferToFormData = (arrayBuffer, contentType2) => {
  return new Response(arrayBuffer, { headers: { "Content-Type": contentType2.replace(/^[^;]+/, (mediaType) => mediaType.toLowerCase()) } }).formData();
};

// node_modules/hono/dist/utils/body.js
var MAX_NESTED_OBJECTS = 1e4;
var isRawRequest = (request) => "headers" in request;
var parseBody = async (request, options = /* @__PURE__ */ Object.create(null)) => {
  const { all = false, dot = false } = options;
  const mediaType = (isRawRequest(request) ? request.headers : request.raw.headers).get("Content-Type")?.split(";")[0].trim().toLowerCase();
  if (mediaType === "multipart/form-data" || mediaType === "application/x-www-form-urlencoded") return parseFormData(request, {
    all,
    dot
  });
  return {};
};
async function parseFormData(request, options) {
  if (!isRawRequest(request) && request.bodyCache.formData) return convertFormDataToBodyData(await request.bodyCache.formData, options);
  const headers = isRawRequest(request) ? request.headers : request.raw.headers;
  const arrayBuffer = await request.arrayBuffer();
  const formDataPromise = bufferToFormData(arrayBuffer, headers.get("Content-Type") || "");
  if (!isRawRequest(request)) request.bodyCache.formData = formDataPromise;
  const formData = await formDataPromise;
  if (formData) return convertFormDataToBodyData(formData, options);
  return {};
}
function convertFormDataToBodyData(formData, options) {
  const form = /* @__PURE__ */ Object.create(null);
  const nestingState = { count: 0 };
  formData.forEach((value, key) => {
    if (!(options.all || key.endsWith("[]"))) form[key] = value;
    else handleParsingAllValues(form, key, value);
  });
  if (options.dot) Object.entries(form).forEach(([key, value]) => {
    if (key.includes(".")) {
      handleParsingNestedValues(form, key, value, nestingState);
      delete form[key];
    }
  });
  return form;
}
var handleParsingAllValues = (form, key, value) => {
  if (form[key] !== void 0) {
    if (Array.isArray(form[key])) form[key].push(value);
    else form[key] = [form[key], value];
  } else if (!key.endsWith("[]")) form[key] = value;
  else form[key] = [value];
};
var handleParsingNestedValues = (form, key, value, state) => {
  if (/(?:^|\.)__proto__\./.test(key)) return;
  let nestedForm = form;
  const keys = key.split(".", 34);
  if (keys.length > 33) throwNestingLimitExceeded();
  keys.forEach((key2, index) => {
    if (index === keys.length - 1) nestedForm[key2] = value;
    else {
      if (!nestedForm[key2] || typeof nestedForm[key2] !== "object" || Array.isArray(nestedForm[key2]) || nestedForm[key2] instanceof File) {
        if (state.count++ >= MAX_NESTED_OBJECTS) throwNestingLimitExceeded();
        nestedForm[key2] = /* @__PURE__ */ Object.create(null);
      }
      nestedForm = nestedForm[key2];
    }
  });
};
var throwNestingLimitExceeded = () => {
  throw new Error("Nesting limit exceeded");
};

// node_modules/hono/dist/utils/url.js
var splitPath = (path) => {
  const paths = path.split("/");
  if (paths[0] === "") paths.shift();
  return paths;
};
var splitRoutingPath = (routePath2) => {
  const { groups, path } = extractGroupsFromPath(routePath2);
  const paths = splitPath(path);
  return replaceGroupMarks(paths, groups);
};
var extractGroupsFromPath = (path) => {
  const groups = [];
  path = path.replace(/\{[^}]+\}/g, (match2, index) => {
    const mark = `@${index}`;
    groups.push([mark, match2]);
    return mark;
  });
  return {
    groups,
    path
  };
};
var replaceGroupMarks = (paths, groups) => {
  for (let i = groups.length - 1; i >= 0; i--) {
    const [mark] = groups[i];
    for (let j = paths.length - 1; j >= 0; j--) if (paths[j].includes(mark)) {
      paths[j] = paths[j].replace(mark, groups[i][1]);
      break;
    }
  }
  return paths;
};
var patternCache = {};
var getPattern = (label, next) => {
  if (label === "*") return "*";
  const match2 = label.match(/^\:([^\{\}]+)(?:\{(.+)\})?$/);
  if (match2) {
    const cacheKey2 = `${label}#${next}`;
    if (!patternCache[cacheKey2]) {
      if (match2[2]) patternCache[cacheKey2] = next && next[0] !== ":" && next[0] !== "*" ? [
        cacheKey2,
        match2[1],
        new RegExp(`^${match2[2]}(?=/${next})`)
      ] : [
        label,
        match2[1],
        new RegExp(`^${match2[2]}$`)
      ];
      else patternCache[cacheKey2] = [
        label,
        match2[1],
        true
      ];
    }
    return patternCache[cacheKey2];
  }
  return null;
};
var tryDecode = (str, decoder) => {
  try {
    return decoder(str);
  } catch {
    return str.replace(/(?:%[0-9A-Fa-f]{2})+/g, (match2) => {
      try {
        return decoder(match2);
      } catch {
        return match2;
      }
    });
  }
};
var decodeURIWithPreservedPercent = (value) => decodeURI(value.includes("%25") ? value.replace(/%25/g, "%2525") : value);
var getPath = (request) => {
  const url = request.url;
  const start = url.indexOf("/", url.indexOf(":") + 4);
  let i = start;
  for (; i < url.length; i++) {
    const charCode = url.charCodeAt(i);
    if (charCode === 37) {
      const queryIndex = url.indexOf("?", i);
      const hashIndex = url.indexOf("#", i);
      const end = queryIndex === -1 ? hashIndex === -1 ? void 0 : hashIndex : hashIndex === -1 ? queryIndex : Math.min(queryIndex, hashIndex);
      const path = url.slice(start, end);
      const decoded = tryDecode(path, decodeURIWithPreservedPercent);
      if (/%(?![0-9A-Fa-f]{2})/.test(path)) {
        const rewritten = new URL("http://localhost");
        rewritten.pathname = decoded.replace(/[\\\t\n\r]/g, encodeURIComponent);
        if (tryDecode(rewritten.pathname, decodeURIWithPreservedPercent) !== decoded) return tryDecode(path.replace(/%(?![0-9A-Fa-f]{2})/g, "%25"), decodeURIWithPreservedPercent);
      }
      return decoded;
    } else if (charCode === 63 || charCode === 35) break;
  }
  return url.slice(start, i);
};
var getPathNoStrict = (request) => {
  const result = getPath(request);
  return result.length > 1 && result.at(-1) === "/" ? result.slice(0, -1) : result;
};
var mergePath = (base, sub, ...rest) => {
  if (rest.length) sub = mergePath(sub, ...rest);
  return `${base?.[0] === "/" ? "" : "/"}${base}${sub === "/" ? "" : `${base?.at(-1) === "/" ? "" : "/"}${sub?.[0] === "/" ? sub.slice(1) : sub}`}`;
};
var checkOptionalParameter = (path) => {
  if (path.charCodeAt(path.length - 1) !== 63 || !path.includes(":")) return null;
  const segments = path.split("/");
  const results = [];
  let basePath = "";
  segments.forEach((segment) => {
    if (segment !== "" && !/\:/.test(segment)) basePath += "/" + segment;
    else if (/\:/.test(segment)) {
      if (segment.charCodeAt(segment.length - 1) === 63) {
        if (results.length === 0 && basePath === "") results.push("/");
        else results.push(basePath);
        const optionalSegment = segment.slice(0, -1);
        basePath += "/" + optionalSegment;
        results.push(basePath);
      } else basePath += "/" + segment;
    }
  });
  return results.filter((v, i, a) => a.indexOf(v) === i);
};
var tryDecodeURIComponent = (str) => str.indexOf("%") !== -1 ? tryDecode(str, decodeURIComponent_) : str;
var _decodeURI = (value) => {
  if (value.indexOf("+") !== -1) value = value.replace(/\+/g, " ");
  return tryDecodeURIComponent(value);
};
var _getQueryParam = (url, key, multiple) => {
  const hashIndex = url.indexOf("#", 8);
  if (hashIndex !== -1) url = url.slice(0, hashIndex);
  let encoded;
  if (!multiple && key && !/[%+&=]/.test(key)) {
    const queryIndex = url.indexOf("?", 8);
    let keyIndex2 = queryIndex;
    if (keyIndex2 === -1) return;
    if (!url.startsWith(key, keyIndex2 + 1)) keyIndex2 = url.indexOf(`&${key}`, keyIndex2 + 1);
    while (keyIndex2 !== -1) {
      const trailingKeyCode = url.charCodeAt(keyIndex2 + key.length + 1);
      if (trailingKeyCode === 61 || trailingKeyCode === 38 || isNaN(trailingKeyCode)) {
        if (keyIndex2 > queryIndex && /(?:^|&)[^=&]*[%+]/.test(url.slice(queryIndex + 1, keyIndex2))) break;
        if (trailingKeyCode === 61) {
          const valueIndex = keyIndex2 + key.length + 2;
          const endIndex = url.indexOf("&", valueIndex);
          return _decodeURI(url.slice(valueIndex, endIndex === -1 ? void 0 : endIndex));
        }
        return "";
      }
      keyIndex2 = url.indexOf(`&${key}`, keyIndex2 + 1);
    }
    encoded = /[%+]/.test(url);
    if (!encoded) return;
  }
  const results = /* @__PURE__ */ Object.create(null);
  encoded ??= /[%+]/.test(url);
  let keyIndex = url.indexOf("?", 8);
  while (keyIndex !== -1) {
    const nextKeyIndex = url.indexOf("&", keyIndex + 1);
    let valueIndex = url.indexOf("=", keyIndex);
    if (valueIndex > nextKeyIndex && nextKeyIndex !== -1) valueIndex = -1;
    let name = url.slice(keyIndex + 1, valueIndex === -1 ? nextKeyIndex === -1 ? void 0 : nextKeyIndex : valueIndex);
    if (encoded) name = _decodeURI(name);
    keyIndex = nextKeyIndex;
    if (name === "") continue;
    let value;
    if (valueIndex === -1) value = "";
    else {
      value = url.slice(valueIndex + 1, nextKeyIndex === -1 ? void 0 : nextKeyIndex);
      if (encoded) value = _decodeURI(value);
    }
    if (multiple) {
      if (!(results[name] && Array.isArray(results[name]))) results[name] = [];
      results[name].push(value);
    } else results[name] ??= value;
  }
  return key ? results[key] : results;
};
var getQueryParam = _getQueryParam;
var getQueryParams = (url, key) => {
  return _getQueryParam(url, key, true);
};
var decodeURIComponent_ = decodeURIComponent;

// node_modules/hono/dist/request.js
var HonoRequest = class {
  /**
  * `.raw` can get the raw Request object.
  *
  * @see {@link https://hono.dev/docs/api/request#raw}
  *
  * @example
  * ```ts
  * // For Cloudflare Workers
  * app.post('/', async (c) => {
  *   const metadata = c.req.raw.cf?.hostMetadata?
  *   ...
  * })
  * ```
  */
  raw;
  #validatedData;
  #matchResult;
  routeIndex = 0;
  /**
  * `.path` can get the pathname of the request.
  *
  * @see {@link https://hono.dev/docs/api/request#path}
  *
  * @example
  * ```ts
  * app.get('/about/me', (c) => {
  *   const pathname = c.req.path // `/about/me`
  * })
  * ```
  */
  path;
  bodyCache = {};
  constructor(request, path = "/", matchResult = [[]]) {
    this.raw = request;
    this.path = path;
    this.#matchResult = matchResult;
  }
  param(key) {
    return key ? this.#getDecodedParam(key) : this.#getAllDecodedParams();
  }
  #getDecodedParam(key) {
    const paramKey = this.#matchResult[0][this.routeIndex]?.[1][key];
    const param = this.#getParamValue(paramKey);
    return param && tryDecodeURIComponent(param);
  }
  #getAllDecodedParams() {
    const decoded = {};
    const keys = Object.keys(this.#matchResult[0][this.routeIndex]?.[1] ?? {});
    for (const key of keys) {
      const value = this.#getParamValue(this.#matchResult[0][this.routeIndex][1][key]);
      if (value !== void 0) decoded[key] = tryDecodeURIComponent(value);
    }
    return decoded;
  }
  #getParamValue(paramKey) {
    return this.#matchResult[1] ? this.#matchResult[1][paramKey] : paramKey;
  }
  query(key) {
    return getQueryParam(this.url, key);
  }
  queries(key) {
    return getQueryParams(this.url, key);
  }
  header(name) {
    if (name) return this.raw.headers.get(name) ?? void 0;
    const headerData = /* @__PURE__ */ Object.create(null);
    this.raw.headers.forEach((value, key) => {
      headerData[key] = value;
    });
    return headerData;
  }
  async parseBody(options) {
    return parseBody(this, options);
  }
  #cachedBody = (key) => {
    const { bodyCache, raw: raw2 } = this;
    const cachedBody = bodyCache[key];
    if (cachedBody) return cachedBody;
    for (const anyCachedKey in bodyCache) return bodyCache[anyCachedKey].then((body) => {
      if (anyCachedKey === "json") body = JSON.stringify(body);
      const contentType2 = anyCachedKey === "formData" ? void 0 : raw2.headers.get("content-type");
      return new Response(body, { headers: contentType2 ? { "Content-Type": contentType2 } : void 0 })[key]();
    });
    return bodyCache[key] = raw2[key]();
  };
  /**
  * `.json()` can parse Request body of type `application/json`
  *
  * @see {@link https://hono.dev/docs/api/request#json}
  *
  * @example
  * ```ts
  * app.post('/entry', async (c) => {
  *   const body = await c.req.json()
  * })
  * ```
  */
  json() {
    return this.#cachedBody("text").then((text2) => JSON.parse(text2));
  }
  /**
  * `.text()` can parse Request body of type `text/plain`
  *
  * @see {@link https://hono.dev/docs/api/request#text}
  *
  * @example
  * ```ts
  * app.post('/entry', async (c) => {
  *   const body = await c.req.text()
  * })
  * ```
  */
  text() {
    return this.#cachedBody("text");
  }
  /**
  * `.arrayBuffer()` parse Request body as an `ArrayBuffer`
  *
  * @see {@link https://hono.dev/docs/api/request#arraybuffer}
  *
  * @example
  * ```ts
  * app.post('/entry', async (c) => {
  *   const body = await c.req.arrayBuffer()
  * })
  * ```
  */
  arrayBuffer() {
    return this.#cachedBody("arrayBuffer");
  }
  /**
  * `.bytes()` parses the request body as a `Uint8Array`.
  *
  * @see {@link https://hono.dev/docs/api/request#bytes}
  *
  * @example
  * ```ts
  * app.post('/entry', async (c) => {
  *   const body = await c.req.bytes()
  * })
  * ```
  */
  bytes() {
    return this.#cachedBody("arrayBuffer").then((buffer) => new Uint8Array(buffer));
  }
  /**
  * Parses the request body as a `Blob`.
  * @example
  * ```ts
  * app.post('/entry', async (c) => {
  *   const body = await c.req.blob();
  * });
  * ```
  * @see https://hono.dev/docs/api/request#blob
  */
  blob() {
    return this.#cachedBody("blob");
  }
  /**
  * Parses the request body as `FormData`.
  * @example
  * ```ts
  * app.post('/entry', async (c) => {
  *   const body = await c.req.formData();
  * });
  * ```
  * @see https://hono.dev/docs/api/request#formdata
  */
  formData() {
    return this.#cachedBody("formData");
  }
  /**
  * Adds validated data to the request.
  *
  * @param target - The target of the validation.
  * @param data - The validated data to add.
  */
  addValidatedData(target, data) {
    (this.#validatedData ??= {})[target] = data;
  }
  valid(target) {
    return this.#validatedData?.[target];
  }
  /**
  * `.url` can get the request url strings.
  *
  * @see {@link https://hono.dev/docs/api/request#url}
  *
  * @example
  * ```ts
  * app.get('/about/me', (c) => {
  *   const url = c.req.url // `http://localhost:8787/about/me`
  *   ...
  * })
  * ```
  */
  get url() {
    return this.raw.url;
  }
  /**
  * `.method` can get the method name of the request.
  *
  * @see {@link https://hono.dev/docs/api/request#method}
  *
  * @example
  * ```ts
  * app.get('/about/me', (c) => {
  *   const method = c.req.method // `GET`
  * })
  * ```
  */
  get method() {
    return this.raw.method;
  }
  get [GET_MATCH_RESULT]() {
    return this.#matchResult;
  }
  /**
  * `.matchedRoutes` can return a matched route in the handler
  *
  * @deprecated
  *
  * Use matchedRoutes helper defined in "hono/route" instead.
  *
  * @see {@link https://hono.dev/docs/api/request#matchedroutes}
  *
  * @example
  * ```ts
  * app.use('*', async function logger(c, next) {
  *   await next()
  *   c.req.matchedRoutes.forEach(({ handler, method, path }, i) => {
  *     const name = handler.name || (handler.length < 2 ? '[handler]' : '[middleware]')
  *     console.log(
  *       method,
  *       ' ',
  *       path,
  *       ' '.repeat(Math.max(10 - path.length, 0)),
  *       name,
  *       i === c.req.routeIndex ? '<- respond from here' : ''
  *     )
  *   })
  * })
  * ```
  */
  get matchedRoutes() {
    return this.#matchResult[0].map(([[, route]]) => route);
  }
  /**
  * `.routePath` can retrieve the path registered within the handler
  *
  * @deprecated
  *
  * Use routePath helper defined in "hono/route" instead.
  *
  * @see {@link https://hono.dev/docs/api/request#routepath}
  *
  * @example
  * ```ts
  * app.get('/posts/:id', (c) => {
  *   return c.json({ path: c.req.routePath })
  * })
  * ```
  */
  get routePath() {
    return this.#matchResult[0].map(([[, route]]) => route)[this.routeIndex].path;
  }
};

// node_modules/hono/dist/utils/html.js
var HtmlEscapedCallbackPhase = {
  Stringify: 1,
  BeforeStream: 2,
  Stream: 3
};
var raw = (value, callbacks) => {
  const escapedString = new String(value);
  escapedString.isEscaped = true;
  escapedString.callbacks = callbacks;
  return escapedString;
};
var resolveCallback = async (str, phase, preserveCallbacks, context, buffer) => {
  if (typeof str === "object" && !(str instanceof String)) {
    if (!(str instanceof Promise)) str = str.toString();
    if (str instanceof Promise) str = await str;
  }
  const callbacks = str.callbacks;
  if (!callbacks?.length) return Promise.resolve(str);
  if (buffer) buffer[0] += str;
  else buffer = [str];
  const resStr = Promise.all(callbacks.map((c) => c({
    phase,
    buffer,
    context
  }))).then((res) => Promise.all(res.filter(Boolean).map((str2) => resolveCallback(str2, phase, false, context, buffer))).then(() => buffer[0]));
  if (preserveCallbacks) return raw(await resStr, callbacks);
  else return resStr;
};

// node_modules/hono/dist/context.js
var TEXT_PLAIN = "text/plain; charset=UTF-8";
var setDefaultContentType = (contentType2, headers) => {
  return {
    "Content-Type": contentType2,
    ...headers
  };
};
var createResponseInstance = (body, init) => new Response(body, init);
var Context = class {
  #rawRequest;
  #req;
  /**
  * `.env` can get bindings (environment variables, secrets, KV namespaces, D1 database, R2 bucket etc.) in Cloudflare Workers.
  *
  * @see {@link https://hono.dev/docs/api/context#env}
  *
  * @example
  * ```ts
  * // Environment object for Cloudflare Workers
  * app.get('*', async c => {
  *   const counter = c.env.COUNTER
  * })
  * ```
  */
  env = {};
  #var;
  finalized = false;
  /**
  * `.error` can get the error object from the middleware if the Handler throws an error.
  *
  * @see {@link https://hono.dev/docs/api/context#error}
  *
  * @example
  * ```ts
  * app.use('*', async (c, next) => {
  *   await next()
  *   if (c.error) {
  *     // do something...
  *   }
  * })
  * ```
  */
  error;
  #status;
  #executionCtx;
  #res;
  #layout;
  #renderer;
  #notFoundHandler;
  #preparedHeaders;
  #matchResult;
  #path;
  /**
  * Creates an instance of the Context class.
  *
  * @param req - The Request object.
  * @param options - Optional configuration options for the context.
  */
  constructor(req, options) {
    this.#rawRequest = req;
    if (options) {
      this.#executionCtx = options.executionCtx;
      this.env = options.env;
      this.#notFoundHandler = options.notFoundHandler;
      this.#path = options.path;
      this.#matchResult = options.matchResult;
    }
  }
  /**
  * `.req` is the instance of {@link HonoRequest}.
  */
  get req() {
    this.#req ??= new HonoRequest(this.#rawRequest, this.#path, this.#matchResult);
    return this.#req;
  }
  /**
  * @see {@link https://hono.dev/docs/api/context#event}
  * The FetchEvent associated with the current request.
  *
  * @throws Will throw an error if the context does not have a FetchEvent.
  */
  get event() {
    if (this.#executionCtx && "respondWith" in this.#executionCtx) return this.#executionCtx;
    else throw Error("This context has no FetchEvent");
  }
  /**
  * @see {@link https://hono.dev/docs/api/context#executionctx}
  * The ExecutionContext associated with the current request.
  *
  * @throws Will throw an error if the context does not have an ExecutionContext.
  */
  get executionCtx() {
    if (this.#executionCtx) return this.#executionCtx;
    else throw Error("This context has no ExecutionContext");
  }
  /**
  * @see {@link https://hono.dev/docs/api/context#res}
  * The Response object for the current request.
  */
  get res() {
    return this.#res ||= createResponseInstance(null, { headers: this.#preparedHeaders ??= new Headers() });
  }
  /**
  * Sets the Response object for the current request.
  *
  * @param _res - The Response object to set.
  */
  set res(_res) {
    if (this.#res && _res) {
      _res = createResponseInstance(_res.body, _res);
      for (const [k, v] of this.#res.headers.entries()) {
        if (k === "content-type") continue;
        if (k === "set-cookie") {
          const cookies = this.#res.headers.getSetCookie();
          _res.headers.delete("set-cookie");
          for (const cookie of cookies) _res.headers.append("set-cookie", cookie);
        } else _res.headers.set(k, v);
      }
    }
    this.#res = _res;
    this.finalized = true;
  }
  /**
  * `.render()` can create a response within a layout.
  *
  * @see {@link https://hono.dev/docs/api/context#render-setrenderer}
  *
  * @example
  * ```ts
  * app.get('/', (c) => {
  *   return c.render('Hello!')
  * })
  * ```
  */
  render = (...args) => {
    this.#renderer ??= (content) => this.html(content);
    return this.#renderer(...args);
  };
  /**
  * Sets the layout for the response.
  *
  * @param layout - The layout to set.
  * @returns The layout function.
  */
  setLayout = (layout) => this.#layout = layout;
  /**
  * Gets the current layout for the response.
  *
  * @returns The current layout function.
  */
  getLayout = () => this.#layout;
  /**
  * `.setRenderer()` can set the layout in the custom middleware.
  *
  * @see {@link https://hono.dev/docs/api/context#render-setrenderer}
  *
  * @example
  * ```tsx
  * app.use('*', async (c, next) => {
  *   c.setRenderer((content) => {
  *     return c.html(
  *       <html>
  *         <body>
  *           <p>{content}</p>
  *         </body>
  *       </html>
  *     )
  *   })
  *   await next()
  * })
  * ```
  */
  setRenderer = (renderer) => {
    this.#renderer = renderer;
  };
  /**
  * `.header()` can set headers.
  *
  * @see {@link https://hono.dev/docs/api/context#header}
  *
  * @example
  * ```ts
  * app.get('/welcome', (c) => {
  *   // Set headers
  *   c.header('X-Message', 'Hello!')
  *   c.header('Content-Type', 'text/plain')
  *
  *   // Append multiple headers using the append option (e.g. Vary)
  *   c.header('Vary', 'Accept-Encoding', { append: true })
  *   c.header('Vary', 'User-Agent', { append: true })
  *
  *   return c.body('Thank you for coming')
  * })
  * ```
  */
  header = (name, value, options) => {
    if (this.finalized && !this.#res.bodyUsed) this.#res = createResponseInstance(this.#res.body, this.#res);
    const headers = this.#res ? this.#res.headers : this.#preparedHeaders ??= new Headers();
    if (value === void 0) headers.delete(name);
    else if (options?.append) headers.append(name, value);
    else headers.set(name, value);
  };
  status = (status) => {
    this.#status = status;
  };
  /**
  * `.set()` can set the value specified by the key.
  *
  * @see {@link https://hono.dev/docs/api/context#set-get}
  *
  * @example
  * ```ts
  * app.use('*', async (c, next) => {
  *   c.set('message', 'Hono is hot!!')
  *   await next()
  * })
  * ```
  */
  set = (key, value) => {
    this.#var ??= /* @__PURE__ */ new Map();
    this.#var.set(key, value);
  };
  /**
  * `.get()` can use the value specified by the key.
  *
  * @see {@link https://hono.dev/docs/api/context#set-get}
  *
  * @example
  * ```ts
  * app.get('/', (c) => {
  *   const message = c.get('message')
  *   return c.text(`The message is "${message}"`)
  * })
  * ```
  */
  get = (key) => {
    return this.#var ? this.#var.get(key) : void 0;
  };
  /**
  * `.var` can access the value of a variable.
  *
  * @see {@link https://hono.dev/docs/api/context#var}
  *
  * @example
  * ```ts
  * const result = c.var.client.oneMethod()
  * ```
  */
  get var() {
    if (!this.#var) return {};
    return Object.fromEntries(this.#var);
  }
  #newResponse(data, arg, headers) {
    let responseHeaders = this.#res ? new Headers(this.#res.headers) : this.#preparedHeaders;
    if (typeof arg === "object" && arg.headers) {
      responseHeaders ??= new Headers();
      for (const [key, value] of new Headers(arg.headers)) if (key === "set-cookie") responseHeaders.append(key, value);
      else responseHeaders.set(key, value);
    }
    if (headers) {
      if (!responseHeaders) {
        let count2 = 0;
        for (const k in headers) if (++count2 > 1 || typeof headers[k] !== "string") {
          responseHeaders = new Headers();
          break;
        }
      }
      if (responseHeaders) for (const k in headers) {
        const v = headers[k];
        if (typeof v === "string") responseHeaders.set(k, v);
        else {
          responseHeaders.delete(k);
          for (const v2 of v) responseHeaders.append(k, v2);
        }
      }
    }
    const status = typeof arg === "number" ? arg : arg?.status ?? this.#status;
    return createResponseInstance(data, {
      status,
      headers: responseHeaders ?? headers
    });
  }
  newResponse = (...args) => this.#newResponse(...args);
  /**
  * `.body()` can return the HTTP response.
  * You can set headers with `.header()` and set HTTP status code with `.status`.
  * This can also be set in `.text()`, `.json()` and so on.
  *
  * @see {@link https://hono.dev/docs/api/context#body}
  *
  * @example
  * ```ts
  * app.get('/welcome', (c) => {
  *   // Set headers
  *   c.header('X-Message', 'Hello!')
  *   c.header('Content-Type', 'text/plain')
  *   // Set HTTP status code
  *   c.status(201)
  *
  *   // Return the response body
  *   return c.body('Thank you for coming')
  * })
  * ```
  */
  body = (data, arg, headers) => this.#newResponse(data, arg, headers);
  /**
  * `.text()` can render text as `Content-Type:text/plain`.
  *
  * @see {@link https://hono.dev/docs/api/context#text}
  *
  * @example
  * ```ts
  * app.get('/say', (c) => {
  *   return c.text('Hello!')
  * })
  * ```
  */
  text = (text2, arg, headers) => {
    return !this.#preparedHeaders && !this.#status && !arg && !headers && !this.finalized ? new Response(text2) : this.#newResponse(text2, arg, setDefaultContentType(TEXT_PLAIN, headers));
  };
  /**
  * `.json()` can render JSON as `Content-Type:application/json`.
  *
  * @see {@link https://hono.dev/docs/api/context#json}
  *
  * @example
  * ```ts
  * app.get('/api', (c) => {
  *   return c.json({ message: 'Hello!' })
  * })
  * ```
  */
  json = (object, arg, headers) => {
    return this.#newResponse(JSON.stringify(object), arg, setDefaultContentType("application/json", headers));
  };
  html = (html, arg, headers) => {
    const res = (html2) => this.#newResponse(html2, arg, setDefaultContentType("text/html; charset=UTF-8", headers));
    return typeof html === "object" ? resolveCallback(html, HtmlEscapedCallbackPhase.Stringify, false, {}).then(res) : res(html);
  };
  /**
  * `.redirect()` can Redirect, default status code is 302.
  *
  * @see {@link https://hono.dev/docs/api/context#redirect}
  *
  * @example
  * ```ts
  * app.get('/redirect', (c) => {
  *   return c.redirect('/')
  * })
  * app.get('/redirect-permanently', (c) => {
  *   return c.redirect('/', 301)
  * })
  * ```
  */
  redirect = (location, status) => {
    const locationString = String(location);
    this.header("Location", !/[^\x00-\xFF]/.test(locationString) ? locationString : encodeURI(locationString));
    return this.newResponse(null, status ?? 302);
  };
  /**
  * `.notFound()` can return the Not Found Response.
  *
  * @see {@link https://hono.dev/docs/api/context#notfound}
  *
  * @example
  * ```ts
  * app.get('/notfound', (c) => {
  *   return c.notFound()
  * })
  * ```
  */
  notFound = () => {
    this.#notFoundHandler ??= () => createResponseInstance();
    return this.#notFoundHandler(this);
  };
};

// node_modules/hono/dist/compose.js
var compose = (middleware, onError, onNotFound) => {
  return (context, next) => {
    let index = -1;
    return dispatch2(0);
    async function dispatch2(i) {
      if (i <= index) throw new Error("next() called multiple times");
      index = i;
      let res;
      let isError = false;
      let handler;
      if (middleware[i]) {
        handler = middleware[i][0][0];
        context.req.routeIndex = i;
      } else handler = i === middleware.length && next || void 0;
      if (handler) try {
        res = await handler(context, () => dispatch2(i + 1));
      } catch (err) {
        if (err instanceof Error && onError) {
          context.error = err;
          res = await onError(err, context);
          isError = true;
        } else throw err;
      }
      else if (context.finalized === false && onNotFound) res = await onNotFound(context);
      if (res && (context.finalized === false || isError)) context.res = res;
      return context;
    }
  };
};

// node_modules/hono/dist/helper/route/index.js
var matchedRoutes = (c) => c.req[GET_MATCH_RESULT][0].map(([[, route]]) => route);
var routePath = (c, index) => matchedRoutes(c).at(index ?? c.req.routeIndex)?.path ?? "";

// node_modules/hono/dist/router.js
var METHODS = [
  "get",
  "post",
  "put",
  "delete",
  "options",
  "patch",
  "query"
];
var MESSAGE_MATCHER_IS_ALREADY_BUILT = "Can not add a route since the matcher is already built.";
var UnsupportedPathError = class extends Error {
};

// node_modules/hono/dist/utils/constants.js
var COMPOSED_HANDLER = "__COMPOSED_HANDLER";

// node_modules/hono/dist/utils/mount.js
var countTrailingSlashes = (path) => {
  let index = path.length;
  while (index > 0 && path.charCodeAt(index - 1) === 47) index--;
  return path.length - index;
};
var getPathPrefixLength = (c, pathPrefix, routePath2) => {
  if (!/[:*]/.test(pathPrefix)) return pathPrefix.length;
  const path = c.req.path;
  const matchResult = c.req[GET_MATCH_RESULT];
  const paramNames = /* @__PURE__ */ new Set();
  let length = 0;
  for (const part of splitRoutingPath(pathPrefix)) {
    if (part[0] === ":" && part.endsWith("}?")) throw new Error(`mount(): Optional regular expression parameters are not supported in "${routePath2}".`);
    const pattern = getPattern(part);
    if (pattern && pattern !== "*") {
      const name = pattern[1];
      if (paramNames.has(name)) throw new Error(`mount(): Duplicate path parameter "${name}" in "${routePath2}".`);
      paramNames.add(name);
    }
    if (pattern && pattern !== "*" && pattern[2] !== true) {
      const value = matchResult.length === 2 ? matchResult[1][matchResult[0][c.req.routeIndex][1][pattern[1]]] : matchResult[0][c.req.routeIndex][1][pattern[1]];
      length += value.length + 1;
    } else if (pattern || part.endsWith("*")) {
      const end = path.indexOf("/", length + 1);
      length = end === -1 ? path.length : end;
    } else length += part.length + 1;
  }
  return length;
};
var createMountedRequest = (c, pathPrefix, routePath2) => {
  if (/[^/]\*$/.test(routePath2)) throw new Error(`mount(): Wildcard must follow "/" in "${routePath2}".`);
  const prefixLength = getPathPrefixLength(c, pathPrefix, routePath2);
  const path = c.req.path.slice(prefixLength) || "/";
  if (prefixLength > c.req.path.length || path[0] !== "/" || /\/(?:\.|%2e){1,2}(?:\/|$)/i.test(path)) throw new HTTPException(400, { message: "Invalid mounted path" });
  const rawUrl = c.req.raw.url;
  if (/^[^/?#]*\/\/[^/?#\\]*[?#\\]/.test(rawUrl)) throw new HTTPException(400, { message: "Invalid mounted path" });
  const rawPathEnd = rawUrl.search(/[?#]/);
  const rawTrailingSlashes = countTrailingSlashes(rawPathEnd === -1 ? rawUrl : rawUrl.slice(0, rawPathEnd));
  if (rawTrailingSlashes > 1 && countTrailingSlashes(c.req.path) === rawTrailingSlashes - 1) throw new HTTPException(400, { message: "Invalid mounted path" });
  const url = new URL(rawUrl);
  url.pathname = path.replace(/[\\\t\n\r]/g, encodeURIComponent);
  if (path.includes("%")) {
  }
  return new Request(url, c.req.raw);
};

// node_modules/hono/dist/hono-base.js
var notFoundHandler = (c) => {
  return c.text("404 Not Found", 404);
};
var errorHandler = (err, c) => {
  if ("getResponse" in err) {
    const res = err.getResponse();
    return c.newResponse(res.body, res);
  }
  console.error(err);
  return c.text("Internal Server Error", 500);
};
var Hono = class Hono2 {
  get;
  post;
  put;
  delete;
  options;
  patch;
  query;
  all;
  on;
  use;
  router;
  getPath;
  _basePath = "/";
  #path = "/";
  routes = [];
  constructor(options = {}) {
    [...METHODS, "all"].forEach((method) => {
      this[method] = (args1, ...args) => {
        const methodName = method.toUpperCase();
        if (typeof args1 === "string") this.#path = args1;
        else this.#addRoute(methodName, this.#path, args1);
        args.forEach((handler) => {
          this.#addRoute(methodName, this.#path, handler);
        });
        return this;
      };
    });
    this.on = (method, path, ...handlers) => {
      for (const p of [path].flat()) {
        this.#path = p;
        for (const m of [method].flat()) {
          const methodName = m.toUpperCase();
          for (const handler of handlers) this.#addRoute(methodName, this.#path, handler);
        }
      }
      return this;
    };
    this.use = (arg1, ...handlers) => {
      if (typeof arg1 === "string") this.#path = arg1;
      else {
        this.#path = "*";
        handlers.unshift(arg1);
      }
      handlers.forEach((handler) => {
        this.#addRoute("ALL", this.#path, handler);
      });
      return this;
    };
    const { strict, ...optionsWithoutStrict } = options;
    Object.assign(this, optionsWithoutStrict);
    this.getPath = strict ?? true ? options.getPath ?? getPath : getPathNoStrict;
  }
  #clone() {
    const clone = new Hono2({
      router: this.router,
      getPath: this.getPath
    });
    clone.errorHandler = this.errorHandler;
    clone.#notFoundHandler = this.#notFoundHandler;
    clone.routes = this.routes;
    return clone;
  }
  #notFoundHandler = notFoundHandler;
  errorHandler = errorHandler;
  /**
  * `.route()` allows grouping other Hono instance in routes.
  *
  * @see {@link https://hono.dev/docs/api/routing#grouping}
  *
  * @param {string} path - base Path
  * @param {Hono} app - other Hono instance
  * @returns {Hono} routed Hono instance
  *
  * @example
  * ```ts
  * const app = new Hono()
  * const app2 = new Hono()
  *
  * app2.get("/user", (c) => c.text("user"))
  * app.route("/api", app2) // GET /api/user
  * ```
  */
  route(path, app) {
    const subApp = this.basePath(path);
    app.routes.map((r) => {
      let handler;
      if (app.errorHandler === errorHandler) handler = r.handler;
      else {
        handler = async (c, next) => (await compose([], app.errorHandler)(c, () => r.handler(c, next))).res;
        handler[COMPOSED_HANDLER] = r.handler;
      }
      subApp.#addRoute(r.method, r.path, handler, r.basePath);
    });
    return this;
  }
  /**
  * `.basePath()` allows base paths to be specified.
  *
  * @see {@link https://hono.dev/docs/api/routing#base-path}
  *
  * @param {string} path - base Path
  * @returns {Hono} changed Hono instance
  *
  * @example
  * ```ts
  * const api = new Hono().basePath('/api')
  * ```
  */
  basePath(path) {
    const subApp = this.#clone();
    subApp._basePath = mergePath(this._basePath, path);
    return subApp;
  }
  /**
  * `.onError()` handles an error and returns a customized Response.
  *
  * @see {@link https://hono.dev/docs/api/hono#error-handling}
  *
  * @param {ErrorHandler} handler - request Handler for error
  * @returns {Hono} changed Hono instance
  *
  * @example
  * ```ts
  * app.onError((err, c) => {
  *   console.error(`${err}`)
  *   return c.text('Custom Error Message', 500)
  * })
  * ```
  */
  onError = (handler) => {
    this.errorHandler = handler;
    return this;
  };
  /**
  * `.notFound()` allows you to customize a Not Found Response.
  *
  * @see {@link https://hono.dev/docs/api/hono#not-found}
  *
  * @param {NotFoundHandler} handler - request handler for not-found
  * @returns {Hono} changed Hono instance
  *
  * @example
  * ```ts
  * app.notFound((c) => {
  *   return c.text('Custom 404 Message', 404)
  * })
  * ```
  */
  notFound = (handler) => {
    this.#notFoundHandler = handler;
    return this;
  };
  /**
  * `.mount()` allows you to mount applications built with other frameworks into your Hono application.
  *
  * @deprecated Use `mount()` from `hono/mount` instead. `.mount()` will be removed in v5.
  *
  * @see {@link https://hono.dev/docs/api/hono#mount}
  *
  * @param {string} path - base Path
  * @param {Function} applicationHandler - other Request Handler
  * @param {MountOptions} [options] - options of `.mount()`
  * @returns {Hono} mounted Hono instance
  * @throws {Error} If automatic request rewriting encounters duplicate path parameter names or an optional regular expression parameter.
  * @throws {HTTPException} With status 400 if automatic request rewriting cannot safely preserve the routed path.
  *
  * @example
  * ```ts
  * import { Router as IttyRouter } from 'itty-router'
  * import { Hono } from 'hono'
  * // Create itty-router application
  * const ittyRouter = IttyRouter()
  * // GET /itty-router/hello
  * ittyRouter.get('/hello', () => new Response('Hello from itty-router'))
  *
  * const app = new Hono()
  * app.mount('/itty-router', ittyRouter.handle)
  * ```
  *
  * @example
  * ```ts
  * const app = new Hono()
  * // Send the request to another application without modification.
  * app.mount('/app', anotherApp, {
  *   replaceRequest: (req) => req,
  * })
  * ```
  */
  mount(path, applicationHandler, options) {
    let replaceRequest;
    let optionHandler;
    if (options) {
      if (typeof options === "function") optionHandler = options;
      else {
        optionHandler = options.optionHandler;
        if (options.replaceRequest === false) replaceRequest = (request) => request;
        else replaceRequest = options.replaceRequest;
      }
    }
    const getOptions = optionHandler ? (c) => {
      const options2 = optionHandler(c);
      return Array.isArray(options2) ? options2 : [options2];
    } : (c) => {
      let executionContext = void 0;
      try {
        executionContext = c.executionCtx;
      } catch {
      }
      return [c.env, executionContext];
    };
    const defaultReplaceRequest = (c) => {
      const mountedRoutePath = routePath(c);
      return createMountedRequest(c, mountedRoutePath.replace(/\/?\*$/, ""), mountedRoutePath);
    };
    const handler = async (c, next) => {
      const res = await applicationHandler(replaceRequest ? replaceRequest(c.req.raw) : defaultReplaceRequest(c), ...getOptions(c));
      if (res) return res;
      await next();
    };
    this.#addRoute("ALL", mergePath(path, "*"), handler);
    return this;
  }
  #addRoute(method, path, handler, baseRoutePath) {
    path = mergePath(this._basePath, path);
    const r = {
      basePath: baseRoutePath !== void 0 ? mergePath(this._basePath, baseRoutePath) : this._basePath,
      path,
      method,
      handler
    };
    this.router.add(method, path, [handler, r]);
    this.routes.push(r);
  }
  #handleError(err, c) {
    if (err instanceof Error) return this.errorHandler(err, c);
    throw err;
  }
  #dispatch(request, executionCtx, env, method) {
    if (method === "HEAD") return (async () => new Response(null, await this.#dispatch(request, executionCtx, env, "GET")))();
    const path = this.getPath(request, { env });
    const matchResult = this.router.match(method, path);
    const c = new Context(request, {
      path,
      matchResult,
      env,
      executionCtx,
      notFoundHandler: this.#notFoundHandler
    });
    if (matchResult[0].length === 1) {
      let res;
      try {
        res = matchResult[0][0][0][0](c, async () => {
          c.res = await this.#notFoundHandler(c);
        });
      } catch (err) {
        return this.#handleError(err, c);
      }
      return res instanceof Promise ? res.then((resolved) => resolved || (c.finalized ? c.res : this.#notFoundHandler(c))).catch((err) => this.#handleError(err, c)) : res ?? this.#notFoundHandler(c);
    }
    const composed = compose(matchResult[0], this.errorHandler, this.#notFoundHandler);
    return (async () => {
      try {
        const context = await composed(c);
        if (!context.finalized) throw new Error("Context is not finalized. Did you forget to return a Response object or `await next()`?");
        return context.res;
      } catch (err) {
        return this.#handleError(err, c);
      }
    })();
  }
  /**
  * `.fetch()` will be entry point of your app.
  *
  * @see {@link https://hono.dev/docs/api/hono#fetch}
  *
  * @param {Request} request - request Object of request
  * @param {Env} env - env Object
  * @param {ExecutionContext} executionCtx - context of execution
  * @returns {Response | Promise<Response>} response of request
  *
  */
  fetch = (request, ...rest) => {
    return this.#dispatch(request, rest[1], rest[0], request.method);
  };
  /**
  * `.request()` is a useful method for testing.
  * You can pass a URL or pathname to send a GET request.
  * app will return a Response object.
  * ```ts
  * test('GET /hello is ok', async () => {
  *   const res = await app.request('/hello')
  *   expect(res.status).toBe(200)
  * })
  * ```
  * @see https://hono.dev/docs/api/hono#request
  */
  request = (input, requestInit, Env, executionCtx) => {
    if (input instanceof Request) return this.fetch(requestInit ? new Request(input, requestInit) : input, Env, executionCtx);
    input = input.toString();
    return this.fetch(new Request(/^https?:\/\//.test(input) ? input : `http://localhost${mergePath("/", input)}`, requestInit), Env, executionCtx);
  };
  /**
  * `.fire()` automatically adds a global fetch event listener.
  * This can be useful for environments that adhere to the Service Worker API, such as non-ES module Cloudflare Workers.
  * @deprecated
  * Use `fire` from `hono/service-worker` instead.
  * ```ts
  * import { Hono } from 'hono'
  * import { fire } from 'hono/service-worker'
  *
  * const app = new Hono()
  * // ...
  * fire(app)
  * ```
  * @see https://hono.dev/docs/api/hono#fire
  * @see https://developer.mozilla.org/en-US/docs/Web/API/Service_Worker_API
  * @see https://developers.cloudflare.com/workers/reference/migrate-to-module-workers/
  */
  fire = () => {
    addEventListener("fetch", (event) => {
      event.respondWith(this.#dispatch(event.request, event, void 0, event.request.method));
    });
  };
};

// node_modules/hono/dist/router/utils.js
var createNullObject = () => /* @__PURE__ */ Object.create(null);

// node_modules/hono/dist/router/reg-exp-router/matcher.js
var emptyParam = [];
function match(method, path) {
  const matchers = this.buildAllMatchers();
  const match2 = ((method2, path2) => {
    const matcher = matchers[method2] || matchers["ALL"];
    const staticMatch = matcher[2][path2];
    if (staticMatch) return staticMatch;
    const match3 = path2.match(matcher[0]);
    if (!match3) return [[], emptyParam];
    const index = match3.indexOf("", 1);
    return [matcher[1][index], match3];
  });
  this.match = match2;
  return match2(method, path);
}

// node_modules/hono/dist/router/reg-exp-router/node.js
var LABEL_REG_EXP_STR = "[^/]+";
var ONLY_WILDCARD_REG_EXP_STR = "[^]*";
var TAIL_WILDCARD_REG_EXP_STR = "(?:|/[^]*)";
var PATH_ERROR = /* @__PURE__ */ Symbol();
var regExpMetaChars = /* @__PURE__ */ new Set(".\\+*[^]$()");
function compareKey(a, b) {
  if (a.length === 1) return b.length === 1 ? a < b ? -1 : 1 : -1;
  if (b.length === 1) return 1;
  if (a === "[^]*" || a === "(?:|/[^]*)") return b === "[^]*" ? -1 : 1;
  else if (b === "[^]*" || b === "(?:|/[^]*)") return -1;
  if (a === "[^/]+") return 1;
  else if (b === "[^/]+") return -1;
  return a.length === b.length ? a < b ? -1 : 1 : b.length - a.length;
}
var Node = class Node2 {
  #index;
  #varIndex;
  #children = createNullObject();
  insert(tokens, index, paramMap, context, keys) {
    let node = this;
    for (let i = 0, len = tokens.length; i < len; i++) {
      const token = tokens[i];
      const pattern = token.length === 1 ? token === "*" ? i === len - 1 ? [
        "",
        "",
        ONLY_WILDCARD_REG_EXP_STR
      ] : [
        "",
        "",
        LABEL_REG_EXP_STR
      ] : null : token === "/*" ? [
        "",
        "",
        TAIL_WILDCARD_REG_EXP_STR
      ] : token.match(/^\:([^\{\}]+)(?:\{(.+)\})?$/);
      let nextNode;
      if (pattern) {
        const name = pattern[1];
        let regexpStr = pattern[2] || "[^/]+";
        if (name && pattern[2]) {
          if (new RegExp(regexpStr).test("")) throw PATH_ERROR;
          regexpStr = regexpStr.replace(/^\((?!\?:)(?=[^)]+\)$)/, "(?:");
          if (/\((?!\?:)/.test(regexpStr)) throw PATH_ERROR;
          if (regexpStr.length === 1 && regExpMetaChars.has(regexpStr)) throw PATH_ERROR;
        }
        keys.push(regexpStr);
        nextNode = node.#children[regexpStr];
        if (!nextNode) {
          if (regexpStr !== "[^]*" && regexpStr !== "(?:|/[^]*)") {
            for (const k in node.#children) if ((regexpStr.length > 1 || k.length > 1) && k !== "[^]*" && k !== "(?:|/[^]*)") throw PATH_ERROR;
          }
          nextNode = node.#children[regexpStr] = new Node2();
        }
        if (name !== "") {
          nextNode.#varIndex ??= context.varIndex++;
          paramMap.push([name, nextNode.#varIndex]);
        }
      } else {
        keys.push(token);
        nextNode = node.#children[token];
        if (!nextNode) {
          for (const k in node.#children) if (k.length > 1 && k !== "[^]*" && k !== "(?:|/[^]*)") throw PATH_ERROR;
          nextNode = node.#children[token] = new Node2();
        }
      }
      node = nextNode;
    }
    if (node.#index !== void 0) throw PATH_ERROR;
    node.#index = index;
  }
  buildRegExpStr() {
    const strList = Object.keys(this.#children).sort(compareKey).map((k) => {
      const c = this.#children[k];
      const childStr = c.buildRegExpStr();
      return childStr === "" ? "" : (typeof c.#varIndex === "number" ? `(${k})@${c.#varIndex}` : regExpMetaChars.has(k) ? `\\${k}` : k) + childStr;
    }).filter(Boolean);
    if (typeof this.#index === "number" && this.#index !== -1) strList.unshift(`#${this.#index}`);
    if (strList.length === 0) return "";
    if (strList.length === 1) return strList[0];
    return "(?:" + strList.join("|") + ")";
  }
};

// node_modules/hono/dist/router/reg-exp-router/trie.js
var Trie = class {
  #context = { varIndex: 0 };
  #root = new Node();
  #index = 0;
  paths = createNullObject();
  insert(path, isStatic) {
    const keys = [];
    if (isStatic) {
      this.#root.insert(path.split(""), -1, [], this.#context, keys);
      this.paths[path] = [
        -1,
        [],
        keys
      ];
      return;
    }
    const paramAssoc = [];
    const groups = [];
    let markedPath = path;
    for (let i = 0; ; ) {
      let replaced = false;
      markedPath = markedPath.replace(/\{(?:\{[\d,]+\}|[^}])+\}/g, (m) => {
        const mark = `@\\${i}`;
        groups[i] = [mark, m];
        i++;
        replaced = true;
        return mark;
      });
      if (!replaced) break;
    }
    const tokens = markedPath.match(/(?::[^\/]+)|(?:\/\*$)|./gs) || [];
    for (let i = groups.length - 1; i >= 0; i--) {
      const [mark] = groups[i];
      for (let j = tokens.length - 1; j >= 0; j--) if (tokens[j].indexOf(mark) !== -1) {
        tokens[j] = tokens[j].replace(mark, groups[i][1]);
        break;
      }
    }
    this.#root.insert(tokens, this.#index, paramAssoc, this.#context, keys);
    this.paths[path] = [
      this.#index++,
      paramAssoc,
      keys
    ];
  }
  buildRegExp() {
    let regexp = this.#root.buildRegExpStr();
    if (regexp === "") return [
      /^$/,
      [],
      []
    ];
    let captureIndex = 0;
    const indexReplacementMap = [];
    const paramReplacementMap = [];
    regexp = regexp.replace(/#(\d+)|@(\d+)|\.\*\$/g, (_, handlerIndex, paramIndex) => {
      if (handlerIndex !== void 0) {
        indexReplacementMap[++captureIndex] = Number(handlerIndex);
        return "$()";
      }
      if (paramIndex !== void 0) {
        paramReplacementMap[Number(paramIndex)] = ++captureIndex;
        return "";
      }
      return "";
    });
    return [
      new RegExp(`^${regexp}`),
      indexReplacementMap,
      paramReplacementMap
    ];
  }
};

// node_modules/hono/dist/router/reg-exp-router/router.js
function endsWithWildcard(keys) {
  const tail = keys[keys.length - 1];
  return tail === "[^]*" || tail === "(?:|/[^]*)";
}
function covers(wildcard, target) {
  const last = wildcard.length - 1;
  for (let i = 0; i < last; i++) if (wildcard[i] !== target[i]) return false;
  return wildcard[last] === "[^]*" || target.length === last || target[last] === "/";
}
var RegExpRouter = class {
  name = "RegExpRouter";
  #handlers;
  #tries;
  constructor() {
    this.#handlers = { ["ALL"]: [] };
    this.#tries = { ["ALL"]: new Trie() };
  }
  #insertPath(method, path) {
    try {
      this.#tries[method].insert(path, !/\*|\/:/.test(path));
    } catch (e) {
      throw e === PATH_ERROR ? new UnsupportedPathError(path) : e;
    }
  }
  add(method, path, handler) {
    const handlers = this.#handlers;
    if (!handlers) throw new Error(MESSAGE_MATCHER_IS_ALREADY_BUILT);
    const tries = this.#tries;
    if (!handlers[method]) {
      tries[method] = new Trie();
      handlers[method] = [...handlers["ALL"]];
      for (const p in tries["ALL"].paths) this.#insertPath(method, p);
    }
    if (path === "/*") path = "*";
    const methods = method === "ALL" ? Object.keys(handlers) : [method];
    const paths = checkOptionalParameter(path) || [path];
    for (const path2 of paths) for (const m of methods) {
      if (!tries[m].paths[path2]) this.#insertPath(m, path2);
      handlers[m].push([handler, path2]);
    }
  }
  match = match;
  buildAllMatchers() {
    const matchers = createNullObject();
    for (const method of Object.keys(this.#handlers)) matchers[method] = this.#buildMatcher(method);
    this.#handlers = this.#tries = void 0;
    return matchers;
  }
  #buildMatcher(method) {
    const handlers = this.#handlers[method];
    const trie = this.#tries[method];
    const staticMap = createNullObject();
    const handlerData = [];
    const [regexp, indexReplacementMap, paramReplacementMap] = trie.buildRegExp();
    const own = createNullObject();
    const entries = handlers.map(([h, p], i) => {
      (own[p] ??= []).push(i);
      return [h, trie.paths[p][1].reduceRight((map, [key, varIndex]) => {
        map[key] = paramReplacementMap[varIndex];
        return map;
      }, createNullObject())];
    });
    const wildcards = Object.keys(own).filter((p) => endsWithWildcard(trie.paths[p][2]));
    for (const path in trie.paths) {
      const [index, , keys] = trie.paths[path];
      const indexes = [...own[path]];
      for (const p of wildcards) if (p !== path && covers(trie.paths[p][2], keys)) indexes.push(...own[p]);
      const data = indexes.sort((a, b) => a - b).map((i) => entries[i]);
      if (index === -1) {
        const last = Math.max(-1, ...data.flatMap(([, map]) => Object.values(map)));
        staticMap[path] = [data, last === -1 ? emptyParam : path.match(regexp).slice(0, last + 1)];
      } else handlerData[index] = data;
    }
    return [
      regexp,
      indexReplacementMap.map((i) => handlerData[i]),
      staticMap
    ];
  }
};

// node_modules/hono/dist/router/smart-router/router.js
var SmartRouter = class {
  name = "SmartRouter";
  #routers = [];
  #routes = [];
  constructor(init) {
    this.#routers = init.routers;
  }
  add(method, path, handler) {
    if (!this.#routes) throw new Error(MESSAGE_MATCHER_IS_ALREADY_BUILT);
    this.#routes.push([
      method,
      path,
      handler
    ]);
  }
  match(method, path) {
    if (!this.#routes) throw new Error("Fatal error");
    const routers = this.#routers;
    const routes = this.#routes;
    const len = routers.length;
    let i = 0;
    let res;
    for (; i < len; i++) {
      const router = routers[i];
      try {
        for (let i2 = 0, len2 = routes.length; i2 < len2; i2++) router.add(...routes[i2]);
        res = router.match(method, path);
      } catch (e) {
        if (e instanceof UnsupportedPathError) continue;
        throw e;
      }
      this.match = router.match.bind(router);
      this.#routers = [router];
      this.#routes = void 0;
      break;
    }
    if (i === len) throw new Error("Fatal error");
    this.name = `SmartRouter + ${this.activeRouter.name}`;
    return res;
  }
  get activeRouter() {
    if (this.#routes || this.#routers.length !== 1) throw new Error("No active router has been determined yet.");
    return this.#routers[0];
  }
};

// node_modules/hono/dist/router/trie-router/node.js
var emptyParams = createNullObject();
var order = 0;
var Node3 = class Node4 {
  #methods = [];
  #children = createNullObject();
  #patterns = [];
  #pattern;
  #params = emptyParams;
  insert(method, path, handler) {
    let curNode = this;
    const parts = splitRoutingPath(path);
    const possibleKeys = /* @__PURE__ */ new Set();
    let i = 0;
    for (const p of parts) {
      const nextP = parts[++i];
      const pattern = getPattern(p, nextP) || (nextP === void 0 && p && p.indexOf("*") === p.length - 1 ? p : null);
      const isParam = Array.isArray(pattern);
      const key = isParam ? pattern[0] : pattern || p;
      const child = curNode.#children[key] ||= new Node4();
      if (pattern && !child.#pattern) {
        child.#pattern = pattern;
        curNode.#patterns.push(child);
      }
      curNode = child;
      if (isParam) possibleKeys.add(pattern[1]);
    }
    curNode.#methods.push({ [method]: {
      handler,
      possibleKeys: [...possibleKeys],
      score: ++order
    } });
  }
  #pushHandlerSets(handlerSets, node, method, nodeParams, params) {
    for (let i = 0, len = node.#methods.length; i < len; i++) {
      const m = node.#methods[i];
      const handlerSet = m[method] || m["ALL"];
      if (handlerSet) {
        handlerSet.params = createNullObject();
        handlerSets.push(handlerSet);
        for (let i2 = 0, len2 = handlerSet.possibleKeys.length; i2 < len2; i2++) {
          const key = handlerSet.possibleKeys[i2];
          handlerSet.params[key] = params?.[key] && !i2 ? params[key] : nodeParams[key] ?? params?.[key];
        }
      }
    }
  }
  search(method, path) {
    const handlerSets = [];
    this.#params = emptyParams;
    let curNodes = [this];
    const parts = splitPath(path);
    const curNodesQueue = [];
    const len = parts.length;
    let partOffsets = null;
    for (let i = 0; i < len; i++) {
      const part = parts[i];
      const isLast = i === len - 1;
      const tempNodes = [];
      for (let j = 0, len2 = curNodes.length; j < len2; j++) {
        const node = curNodes[j];
        const nextNode = node.#children[part];
        if (nextNode) {
          nextNode.#params = node.#params;
          if (isLast) {
            if (nextNode.#children["*"]) this.#pushHandlerSets(handlerSets, nextNode.#children["*"], method, node.#params);
            this.#pushHandlerSets(handlerSets, nextNode, method, node.#params);
          } else tempNodes.push(nextNode);
        }
        for (const child of node.#patterns) {
          const pattern = child.#pattern;
          const params = node.#params === emptyParams ? {} : { ...node.#params };
          if (typeof pattern === "string") {
            if (pattern === "*" || part.startsWith(pattern.slice(0, -1))) {
              this.#pushHandlerSets(handlerSets, child, method, node.#params);
              if (pattern === "*") {
                child.#params = params;
                tempNodes.push(child);
              }
            }
            continue;
          }
          const [, name, matcher] = pattern;
          if (!part && matcher === true) continue;
          if (matcher !== true) {
            if (!partOffsets) {
              partOffsets = [];
              let offset = path[0] === "/" ? 1 : 0;
              for (let p = 0; p < len; p++) {
                partOffsets[p] = offset;
                offset += parts[p].length + 1;
              }
            }
            const restPathString = path.slice(partOffsets[i]);
            const m = matcher.exec(restPathString);
            if (m) {
              if (!Object.hasOwn(params, name)) params[name] = m[0];
              this.#pushHandlerSets(handlerSets, child, method, node.#params, params);
              if (m[0].length === restPathString.length && child.#children["*"]) this.#pushHandlerSets(handlerSets, child.#children["*"], method, node.#params, params);
              for (const _ in child.#children) {
                child.#params = params;
                const componentCount = m[0].match(/\//g)?.length ?? 0;
                (curNodesQueue[componentCount] ||= []).push(child);
                break;
              }
              continue;
            }
          }
          if (matcher === true || matcher.test(part)) {
            if (!Object.hasOwn(params, name)) params[name] = part;
            if (isLast) {
              this.#pushHandlerSets(handlerSets, child, method, params, node.#params);
              if (child.#children["*"]) this.#pushHandlerSets(handlerSets, child.#children["*"], method, params, node.#params);
            } else {
              child.#params = params;
              tempNodes.push(child);
            }
          }
        }
      }
      const shifted = curNodesQueue.shift();
      curNodes = shifted ? tempNodes.concat(shifted) : tempNodes;
    }
    if (handlerSets[1]) handlerSets.sort((a, b) => {
      return a.score - b.score;
    });
    return [handlerSets.map(({ handler, params }) => [handler, params])];
  }
};

// node_modules/hono/dist/router/trie-router/router.js
var TrieRouter = class {
  name = "TrieRouter";
  #node = new Node3();
  add(method, path, handler) {
    for (const result of checkOptionalParameter(path) || [path]) this.#node.insert(method, result, handler);
  }
  match(method, path) {
    return this.#node.search(method, path);
  }
};

// node_modules/hono/dist/hono.js
var Hono3 = class extends Hono {
  /**
  * Creates an instance of the Hono class.
  *
  * @param options - Optional configuration options for the Hono instance.
  */
  constructor(options = {}) {
    super(options);
    this.router = options.router ?? new SmartRouter({ routers: [new RegExpRouter(), new TrieRouter()] });
  }
};

// src/api/respond.ts
var AWS_JSON = "application/x-amz-json-1.1";
function jsonResponse(output, requestId) {
  return new Response(JSON.stringify(output ?? {}), {
    status: 200,
    headers: { "content-type": AWS_JSON, "x-amzn-requestid": requestId }
  });
}
function errorResponse(error, requestId) {
  const e = error instanceof CloudMapError ? error : new CloudMapError("InternalFailure", "An internal error occurred");
  const body = { __type: e.type, Message: e.message, message: e.message, ...e.fields };
  return new Response(JSON.stringify(body), {
    status: e.status,
    headers: { "content-type": AWS_JSON, "x-amzn-requestid": requestId, "x-amzn-errortype": e.type }
  });
}

// src/model/validate.ts
var OPERATION_NAMES = Object.freeze(Object.keys(OPERATIONS));
function isOperationName(name) {
  return Object.hasOwn(OPERATIONS, name);
}
function validateInput(operation, input) {
  if (!isOperationName(operation)) throw new Error(`validateInput: unknown operation ${operation}`);
  if (!isObject(input)) throw new CloudMapError("InvalidInput", "The request body must be a JSON object");
  const problems = [];
  check(OPERATIONS[operation].input, input, "", problems);
  if (problems.length > 0) {
    const count2 = problems.length === 1 ? "1 validation error" : problems.length >= MAX_PROBLEMS ? `At least ${MAX_PROBLEMS} validation errors` : `${problems.length} validation errors`;
    throw new CloudMapError("InvalidInput", `${count2} detected: ${problems.slice(0, MAX_PROBLEMS).join("; ")}`);
  }
}
var MAX_PROBLEMS = 50;
var MAX_WALKED_ENTRIES = 1e3;
var INTEGRAL = {
  byte: [-128, 127],
  short: [-32768, 32767],
  integer: [-2147483648, 2147483647],
  intEnum: [-2147483648, 2147483647],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]
};
var patterns = /* @__PURE__ */ new Map();
function regex(source) {
  let re = patterns.get(source);
  if (!re) patterns.set(source, re = new RegExp(source, "u"));
  return re;
}
function shapeOf(name) {
  const shape = SHAPES[name];
  if (!shape) throw new Error(`constraint table has no shape ${name}`);
  return shape;
}
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function check(name, value, path, problems) {
  if (problems.length >= MAX_PROBLEMS) return;
  const shape = shapeOf(name);
  const typeError = wrongType(shape, value);
  if (typeError) return void problems.push(violation(value, path, typeError));
  for (const c of constraints(shape, value)) problems.push(violation(value, path, c));
  if (shape.type === "structure" && isObject(value)) {
    for (const [member, m] of Object.entries(shape.members ?? {})) {
      const v = Object.hasOwn(value, member) ? value[member] : void 0;
      const at = (path ? `${path}.` : "") + member.charAt(0).toLowerCase() + member.slice(1);
      if (v !== void 0 && v !== null) check(m.target, v, at, problems);
      else if (m.required) problems.push(violation(null, at, "Member must not be null"));
    }
  } else if (shape.type === "list" && Array.isArray(value)) {
    const n = Math.min(value.length, MAX_WALKED_ENTRIES);
    for (let i = 0; i < n && problems.length < MAX_PROBLEMS; i++) {
      const v = value[i];
      const at = `${path}.${i + 1}.member`;
      if (v === null) problems.push(violation(null, at, "Member must not be null"));
      else check(shape.member, v, at, problems);
    }
  } else if (shape.type === "map" && isObject(value)) {
    const keyShape = shapeOf(shape.key);
    let walked = 0;
    for (const k in value) {
      if (!Object.hasOwn(value, k)) continue;
      if (++walked > MAX_WALKED_ENTRIES || problems.length >= MAX_PROBLEMS) break;
      const v = value[k];
      const keyProblems = constraints(keyShape, k);
      if (keyProblems.length) problems.push(violation(k, path, `Map keys must satisfy constraint: [${keyProblems.join(", ")}]`));
      const at = `${path}.${k.length > SHOWN_CHARS ? `${k.slice(0, SHOWN_CHARS)}...` : k}`;
      if (v === null) problems.push(violation(null, at, "Member must not be null"));
      else check(shape.value, v, at, problems);
    }
  }
}
function wrongType(shape, value) {
  const got = ` (got ${Array.isArray(value) ? "array" : value === null ? "null" : typeof value})`;
  const bounds = INTEGRAL[shape.type];
  switch (shape.type) {
    case "structure":
    case "map":
      return isObject(value) ? void 0 : `Member must be a JSON object${got}`;
    case "list":
      return Array.isArray(value) ? void 0 : `Member must be a JSON array${got}`;
    case "string":
    case "enum":
    case "blob":
      return typeof value === "string" ? void 0 : `Member must be a string${got}`;
    case "boolean":
      return typeof value === "boolean" ? void 0 : `Member must be a boolean${got}`;
    case "float":
    case "double":
    case "timestamp":
      return typeof value === "number" && Number.isFinite(value) ? void 0 : `Member must be a number${got}`;
    case "document":
      return void 0;
    default:
      if (!bounds) throw new Error(`constraint table has unsupported shape type ${shape.type}`);
      if (typeof value === "number" && Number.isInteger(value) && value >= bounds[0] && value <= bounds[1]) return void 0;
      return `Member must be an integral number of type ${shape.type} between ${bounds[0]} and ${bounds[1]}${got}`;
  }
}
function constraints(shape, value) {
  const out = [];
  if (shape.enum && !shape.enum.includes(value)) {
    out.push(`Member must satisfy enum value set: [${shape.enum.join(", ")}]`);
  }
  if (shape.length) {
    const n = typeof value === "string" ? codePoints(value) : Array.isArray(value) ? value.length : Object.keys(value).length;
    const { min, max } = shape.length;
    if (max !== void 0 && n > max) out.push(`Member must have length less than or equal to ${max}`);
    if (min !== void 0 && n < min) out.push(`Member must have length greater than or equal to ${min}`);
  }
  if (shape.pattern !== void 0 && typeof value === "string" && !regex(shape.pattern).test(value)) {
    out.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  }
  if (shape.range && typeof value === "number") {
    const { min, max } = shape.range;
    if (max !== void 0 && value > max) out.push(`Member must have value less than or equal to ${max}`);
    if (min !== void 0 && value < min) out.push(`Member must have value greater than or equal to ${min}`);
  }
  return out;
}
function codePoints(s) {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
function violation(value, path, constraint) {
  return `Value ${show(value)} at '${path}' failed to satisfy constraint: ${constraint}`;
}
var SHOWN_CHARS = 256;
var SHOWN_DEPTH = 8;
function show(value) {
  if (value === null || value === void 0) return "null";
  const text2 = typeof value === "string" ? value.slice(0, 2 * SHOWN_CHARS + 2) : boundedJson(value, 2 * SHOWN_CHARS);
  if (text2.length <= SHOWN_CHARS || codePoints(text2) <= SHOWN_CHARS) return `'${text2}'`;
  return `'${[...text2.slice(0, 2 * SHOWN_CHARS)].slice(0, SHOWN_CHARS).join("")}...'`;
}
function boundedJson(value, budget) {
  let out = "";
  const write = (v, depth) => {
    if (out.length > budget) return;
    if (typeof v === "string") out += JSON.stringify(v.length > budget ? v.slice(0, budget) : v);
    else if (v === null || typeof v !== "object") out += JSON.stringify(v) ?? "null";
    else if (depth >= SHOWN_DEPTH) out += Array.isArray(v) ? "[...]" : "{...}";
    else if (Array.isArray(v)) {
      out += "[";
      for (let i = 0; i < v.length && out.length <= budget; i++) {
        if (i > 0) out += ",";
        write(v[i], depth + 1);
      }
      out += "]";
    } else {
      out += "{";
      let first = true;
      for (const k in v) {
        if (out.length > budget) break;
        if (!Object.hasOwn(v, k)) continue;
        out += `${first ? "" : ","}${JSON.stringify(k.length > budget ? k.slice(0, budget) : k)}:`;
        first = false;
        write(v[k], depth + 1);
      }
      out += "}";
    }
  };
  write(value, 0);
  return out;
}

// src/log.ts
var noop = () => {
};
var silentLogger = { debug: noop, info: noop, warn: noop, error: noop };
function isClientAbort(error, signal) {
  if (signal?.aborted) return true;
  const e = error;
  return e?.code === "ECONNRESET" || e?.code === "ERR_STREAM_PREMATURE_CLOSE" || e?.name === "AbortError" || e?.message === "aborted";
}

// src/api/body.ts
async function readBody(request, maxBytes) {
  const tooLarge = () => new CloudMapError("InvalidInput", `The request body exceeds ${maxBytes} bytes`);
  const length = request.headers.get("content-length");
  if (length !== null) {
    if (Number(length) > maxBytes) throw tooLarge();
    return request.text();
  }
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (; ; ) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
var MAX_JSON_DEPTH = 32;
function nestsDeeperThan(text2, max) {
  if (!hasMoreOpenersThan(text2, max)) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text2.length; i++) {
    const c = text2.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}
function hasMoreOpenersThan(text2, max) {
  let count2 = 0;
  for (const opener of ["{", "["]) {
    for (let i = text2.indexOf(opener); i !== -1; i = text2.indexOf(opener, i + 1)) {
      if (++count2 > max) return true;
    }
  }
  return false;
}
function parseBody2(text2) {
  if (text2.length === 0 || text2.trim() === "") return {};
  if (nestsDeeperThan(text2, MAX_JSON_DEPTH)) {
    throw new CloudMapError("SerializationException", `The request body nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels`);
  }
  let value;
  try {
    value = JSON.parse(text2);
  } catch {
    throw new CloudMapError("SerializationException", "The request body is not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new CloudMapError("SerializationException", "The request body must be a JSON object");
  }
  return value;
}

// src/api/context.ts
var AWS_REGION = /^(?:(?:us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+|cn-\w+-\d+|us-gov-\w+-\d+|us-iso[bf]?-\w+-\d+|eu-isoe-\w+-\d+|eusc-de-\w+-\d+)$/;
function isAwsRegion(region) {
  return region.length <= 32 && AWS_REGION.test(region);
}
function regionFromAuthorization(header) {
  if (!header) return void 0;
  const match2 = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/[^/,\s]+\/aws4_request/.exec(header);
  const region = match2?.[1];
  return region !== void 0 && isAwsRegion(region) ? region : void 0;
}

// src/api/handler.ts
function tagMap(tags) {
  if (!tags || tags.length === 0) return void 0;
  const map = {};
  for (const t of tags) map[t.Key] = t.Value;
  return map;
}
var DEFAULT_MAX_RESULTS = 100;
var byCreateDate = (r) => `${String(r.createDate).padStart(15, "0")}:${r.id}`;

// src/api/shapes.ts
var epochSeconds = (ms) => ms / 1e3;
function compact(obj) {
  for (const key of Object.keys(obj)) if (obj[key] === void 0) delete obj[key];
  return obj;
}
function namespaceProperties(ns) {
  const dns = isDnsNamespace(ns) ? compact({ HostedZoneId: ns.hostedZoneId, SOA: ns.soaTtl === void 0 ? void 0 : { TTL: ns.soaTtl } }) : {};
  return { DnsProperties: dns, HttpProperties: { HttpName: ns.httpName } };
}
function namespaceSummaryShape(ns) {
  return compact({
    Id: ns.id,
    Arn: ns.arn,
    ResourceOwner: ns.resourceOwner,
    Name: ns.name,
    Type: ns.type,
    Description: ns.description,
    ServiceCount: ns.serviceCount ?? 0,
    Properties: namespaceProperties(ns),
    CreateDate: epochSeconds(ns.createDate)
  });
}
function namespaceShape(ns) {
  return compact({ ...namespaceSummaryShape(ns), CreatorRequestId: ns.creatorRequestId });
}
function dnsConfigShape(svc, withNamespaceId) {
  if (!svc.dnsRecords) return void 0;
  return compact({
    NamespaceId: withNamespaceId ? svc.namespaceId : void 0,
    RoutingPolicy: svc.routingPolicy ?? "MULTIVALUE",
    DnsRecords: svc.dnsRecords.map((r) => ({ Type: r.type, TTL: r.ttl }))
  });
}
function serviceSummaryShape(svc, withNamespaceId = false) {
  return compact({
    Id: svc.id,
    Arn: svc.arn,
    ResourceOwner: svc.resourceOwner,
    Name: svc.name,
    Type: svc.type,
    Description: svc.description,
    InstanceCount: svc.instanceCount ?? 0,
    DnsConfig: dnsConfigShape(svc, withNamespaceId),
    HealthCheckConfig: svc.healthCheckConfig ? compact({
      Type: svc.healthCheckConfig.type,
      ResourcePath: svc.healthCheckConfig.resourcePath,
      FailureThreshold: svc.healthCheckConfig.failureThreshold
    }) : void 0,
    HealthCheckCustomConfig: svc.healthCheckCustom ? { FailureThreshold: 1 } : void 0,
    CreateDate: epochSeconds(svc.createDate),
    CreatedByAccount: svc.createdByAccount
  });
}
function serviceShape(svc) {
  return compact({ ...serviceSummaryShape(svc, true), NamespaceId: svc.namespaceId, CreatorRequestId: svc.creatorRequestId });
}
function instanceShape(inst) {
  return compact({
    Id: inst.id,
    CreatorRequestId: inst.creatorRequestId,
    Attributes: { ...inst.attributes },
    CreatedByAccount: inst.createdByAccount
  });
}
function instanceSummaryShape(inst) {
  return { Id: inst.id, Attributes: { ...inst.attributes }, CreatedByAccount: inst.createdByAccount };
}
function httpInstanceSummaryShape(inst, namespaceName, serviceName) {
  return {
    InstanceId: inst.id,
    NamespaceName: namespaceName,
    ServiceName: serviceName,
    HealthStatus: inst.healthStatus,
    Attributes: { ...inst.attributes }
  };
}
function operationShape(op) {
  return compact({
    Id: op.id,
    OwnerAccount: op.ownerAccount,
    Type: op.type,
    Status: op.status,
    ErrorMessage: op.errorMessage,
    ErrorCode: op.errorCode,
    CreateDate: epochSeconds(op.createDate),
    UpdateDate: epochSeconds(op.updateDate),
    Targets: { ...op.targets }
  });
}
function tagListShape(tags) {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

// src/api/discovery.ts
function findService(input, ctx) {
  const namespaceName = input.NamespaceName;
  const ns = ctx.view.namespaceByHttpName(namespaceName);
  if (!ns || input.OwnerAccount !== void 0 && input.OwnerAccount !== ns.resourceOwner) throw errors.namespaceNotFound(namespaceName);
  const entry = ctx.view.serviceByName(ns.id, input.ServiceName);
  if (!entry) throw errors.serviceNotFound(`${input.ServiceName} in namespace ${namespaceName}`);
  return entry;
}
var matchesAll = (inst, params) => Object.entries(params).every(([k, v]) => inst.attributes[k] === v);
function byHealth(entry, instances, filter) {
  if (!hasHealthCheck(entry.service) || filter === "ALL") return instances;
  if (filter === "UNHEALTHY") return instances.filter((i) => i.healthStatus === "UNHEALTHY");
  const healthy = instances.filter((i) => i.healthStatus === "HEALTHY");
  return filter === "HEALTHY_OR_ELSE_ALL" && healthy.length === 0 ? instances : healthy;
}
function pick(items, max) {
  if (items.length <= max) return items;
  const copy2 = [...items];
  for (let i = copy2.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy2[i], copy2[j]] = [copy2[j], copy2[i]];
  }
  return copy2.slice(0, max);
}
var discoverInstances = async (input, ctx) => {
  const entry = findService(input, ctx);
  let instances = [...entry.instances.values()].sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const query = input.QueryParameters;
  if (query) instances = instances.filter((i) => matchesAll(i, query));
  const optional = input.OptionalParameters;
  if (optional) {
    const narrowed = instances.filter((i) => matchesAll(i, optional));
    if (narrowed.length > 0) instances = narrowed;
  }
  instances = byHealth(entry, instances, input.HealthStatus ?? "HEALTHY");
  const ns = ctx.view.namespaces.get(entry.service.namespaceId);
  return {
    Instances: pick(instances, input.MaxResults ?? DEFAULT_MAX_RESULTS).map(
      (i) => httpInstanceSummaryShape(i, ns.httpName, entry.service.name)
    ),
    InstancesRevision: entry.service.instancesRevision
  };
};
var discoverInstancesRevision = async (input, ctx) => ({
  InstancesRevision: findService(input, ctx).service.instancesRevision
});

// src/api/pagination.ts
function paginate(items, key, nextToken, maxResults) {
  const sorted = [...items].sort((a, b) => compare(key(a), key(b)));
  let start = 0;
  if (nextToken !== void 0 && nextToken !== "") {
    const after = decodeToken(nextToken);
    start = sorted.findIndex((item) => compare(key(item), after) > 0);
    if (start < 0) start = sorted.length;
  }
  const page = sorted.slice(start, start + maxResults);
  const last = page[page.length - 1];
  const more = start + maxResults < sorted.length && last !== void 0;
  return more ? { items: page, nextToken: encodeToken(key(last)) } : { items: page };
}
var compare = (a, b) => a < b ? -1 : a > b ? 1 : 0;
function encodeToken(key) {
  return btoa(String.fromCharCode(...new TextEncoder().encode(`v1:${key}`)));
}
function decodeToken(token) {
  try {
    const text2 = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(atob(token), (c) => c.charCodeAt(0)));
    if (text2.startsWith("v1:")) return text2.slice(3);
  } catch {
  }
  throw errors.invalidInput("The NextToken is not valid");
}

// src/api/health.ts
var getInstancesHealthStatus = async (input, ctx) => {
  const service = await serviceOrThrow(ctx.store, input.ServiceId);
  let instances = await ctx.store.listInstances(service.id);
  const wanted = input.Instances;
  if (wanted) {
    const byId = new Map(instances.map((i) => [i.id, i]));
    const missing = wanted.find((id) => !byId.has(id));
    if (missing !== void 0) throw errors.instanceNotFound(service.id, missing);
    instances = [...new Set(wanted)].map((id) => byId.get(id));
  }
  const page = paginate(instances, (i) => i.id, input.NextToken, input.MaxResults ?? DEFAULT_MAX_RESULTS);
  return { Status: Object.fromEntries(page.items.map((i) => [i.id, i.healthStatus])), NextToken: page.nextToken };
};
var updateInstanceCustomHealthStatus2 = async (input, ctx) => {
  await updateInstanceCustomHealthStatus(ctx, { serviceId: input.ServiceId, instanceId: input.InstanceId, status: input.Status });
  return {};
};

// src/api/instances.ts
var registerInstance2 = async (input, ctx) => {
  const { operationId } = await registerInstance(ctx, {
    serviceId: input.ServiceId,
    instanceId: input.InstanceId,
    attributes: input.Attributes,
    creatorRequestId: input.CreatorRequestId
  });
  return { OperationId: operationId };
};
var deregisterInstance2 = async (input, ctx) => {
  const { operationId } = await deregisterInstance(ctx, { serviceId: input.ServiceId, instanceId: input.InstanceId });
  return { OperationId: operationId };
};
var getInstance = async (input, ctx) => {
  const service = await serviceOrThrow(ctx.store, input.ServiceId);
  const instance = await ctx.store.getInstance(service.id, input.InstanceId);
  if (!instance) throw errors.instanceNotFound(service.id, input.InstanceId);
  return { ResourceOwner: service.resourceOwner, Instance: instanceShape(instance) };
};
var listInstances = async (input, ctx) => {
  const service = await serviceOrThrow(ctx.store, input.ServiceId);
  const all = await ctx.store.listInstances(service.id);
  const page = paginate(all, (i) => i.id, input.NextToken, input.MaxResults ?? DEFAULT_MAX_RESULTS);
  return { ResourceOwner: service.resourceOwner, Instances: page.items.map(instanceSummaryShape), NextToken: page.nextToken };
};

// src/api/filters.ts
function compileFilters(filters2, table) {
  if (!filters2 || filters2.length === 0) return () => true;
  const seen = /* @__PURE__ */ new Set();
  const tests = filters2.map((f) => {
    const field = table[f.Name];
    if (!field) throw errors.invalidInput(`Filter name ${f.Name} is not supported by this operation`);
    if (seen.has(f.Name)) throw errors.invalidInput(`Filter ${f.Name} is specified more than once`);
    seen.add(f.Name);
    const condition = f.Condition ?? "EQ";
    if (!field.conditions.includes(condition)) {
      throw errors.invalidInput(`Condition ${condition} is not supported for filter ${f.Name}`);
    }
    return compileOne(f, condition, field);
  });
  return (item) => tests.every((test) => test(item));
}
function compileOne(f, condition, field) {
  const norm = (v) => field.caseInsensitive ? v.toLowerCase() : v;
  const values = f.Values.map(norm);
  const single = () => {
    if (values.length !== 1) throw errors.invalidInput(`Condition ${condition} for filter ${f.Name} takes exactly one value`);
    return values[0];
  };
  switch (condition) {
    case "EQ": {
      const want = single();
      return (item) => norm(String(field.value(item) ?? "")) === want;
    }
    case "BEGINS_WITH": {
      const want = single();
      return (item) => norm(String(field.value(item) ?? "")).startsWith(want);
    }
    case "IN": {
      const set = new Set(values);
      return (item) => set.has(norm(String(field.value(item) ?? "")));
    }
    default: {
      const [start, end] = values.map(Number);
      if (values.length !== 2 || !Number.isFinite(start) || !Number.isFinite(end)) {
        throw errors.invalidInput(`Condition BETWEEN for filter ${f.Name} takes a start and an end date in epoch seconds`);
      }
      return (item) => {
        const v = Number(field.value(item));
        return v >= start && v <= end;
      };
    }
  }
}

// src/api/namespaces.ts
var createPrivateDnsNamespace = async (input, ctx) => {
  const { operationId } = await createNamespace(ctx, {
    type: "DNS_PRIVATE",
    name: input.Name,
    creatorRequestId: input.CreatorRequestId,
    description: input.Description,
    vpc: input.Vpc,
    soaTtl: input.Properties?.DnsProperties.SOA.TTL,
    tags: tagMap(input.Tags)
  });
  return { OperationId: operationId };
};
var createPublicDnsNamespace = async (input, ctx) => {
  const { operationId } = await createNamespace(ctx, {
    type: "DNS_PUBLIC",
    name: input.Name,
    creatorRequestId: input.CreatorRequestId,
    description: input.Description,
    soaTtl: input.Properties?.DnsProperties.SOA.TTL,
    tags: tagMap(input.Tags)
  });
  return { OperationId: operationId };
};
var createHttpNamespace = async (input, ctx) => {
  const { operationId } = await createNamespace(ctx, {
    type: "HTTP",
    name: input.Name,
    creatorRequestId: input.CreatorRequestId,
    description: input.Description,
    tags: tagMap(input.Tags)
  });
  return { OperationId: operationId };
};
var getNamespace = async (input, ctx) => ({
  Namespace: namespaceShape(await namespaceOrThrow(ctx.store, input.Id))
});
var namespaceFilters = (ctx) => ({
  TYPE: { conditions: ["EQ", "IN"], value: (ns) => ns.type },
  NAME: { conditions: ["EQ", "BEGINS_WITH"], value: (ns) => ns.name, caseInsensitive: true },
  HTTP_NAME: { conditions: ["EQ", "BEGINS_WITH"], value: (ns) => ns.httpName, caseInsensitive: true },
  RESOURCE_OWNER: {
    conditions: ["EQ"],
    value: (ns) => ns.resourceOwner === ctx.accountId ? "SELF" : "OTHER_ACCOUNTS"
  }
});
var listNamespaces = async (input, ctx) => {
  const matches = compileFilters(input.Filters, namespaceFilters(ctx));
  const all = (await ctx.store.listNamespaces()).filter(matches);
  const page = paginate(all, byCreateDate, input.NextToken, input.MaxResults ?? DEFAULT_MAX_RESULTS);
  return { Namespaces: page.items.map(namespaceSummaryShape), NextToken: page.nextToken };
};
var deleteNamespace2 = async (input, ctx) => {
  const { operationId } = await deleteNamespace(ctx, { namespaceId: input.Id });
  return { OperationId: operationId };
};
var updateHttpNamespace = async (input, ctx) => {
  const { operationId } = await updateNamespace(ctx, {
    namespaceId: input.Id,
    type: "HTTP",
    description: input.Namespace.Description,
    updaterRequestId: input.UpdaterRequestId
  });
  return { OperationId: operationId };
};
var updatePrivateDnsNamespace = async (input, ctx) => {
  const { operationId } = await updateNamespace(ctx, {
    namespaceId: input.Id,
    type: "DNS_PRIVATE",
    description: input.Namespace.Description,
    soaTtl: input.Namespace.Properties?.DnsProperties.SOA.TTL,
    updaterRequestId: input.UpdaterRequestId
  });
  return { OperationId: operationId };
};
var updatePublicDnsNamespace = async (input, ctx) => {
  const { operationId } = await updateNamespace(ctx, {
    namespaceId: input.Id,
    type: "DNS_PUBLIC",
    description: input.Namespace.Description,
    soaTtl: input.Namespace.Properties?.DnsProperties.SOA.TTL,
    updaterRequestId: input.UpdaterRequestId
  });
  return { OperationId: operationId };
};

// src/api/operations.ts
var getOperation = async (input, ctx) => {
  const op = await ctx.store.getOperation(input.OperationId);
  if (!op || input.OwnerAccount !== void 0 && input.OwnerAccount !== op.ownerAccount) {
    throw errors.operationNotFound(input.OperationId);
  }
  return { Operation: operationShape(op) };
};
var operationFilters = {
  NAMESPACE_ID: { conditions: ["EQ"], value: (op) => op.targets.NAMESPACE },
  SERVICE_ID: { conditions: ["EQ"], value: (op) => op.targets.SERVICE },
  STATUS: { conditions: ["EQ", "IN"], value: (op) => op.status },
  TYPE: { conditions: ["EQ", "IN"], value: (op) => op.type },
  UPDATE_DATE: { conditions: ["BETWEEN"], value: (op) => op.updateDate / 1e3 }
};
var listOperations = async (input, ctx) => {
  const matches = compileFilters(input.Filters, operationFilters);
  const all = (await ctx.store.listOperations()).filter(matches);
  const page = paginate(all, byCreateDate, input.NextToken, input.MaxResults ?? DEFAULT_MAX_RESULTS);
  return { Operations: page.items.map((op) => ({ Id: op.id, Status: op.status })), NextToken: page.nextToken };
};

// src/ops/service-attributes.ts
var MAX_SERVICE_ATTRIBUTES = 30;
async function updateServiceAttributes(deps, input) {
  await deps.store.updateServiceAttributes(idFromIdOrArn(input.serviceId), input.attributes, MAX_SERVICE_ATTRIBUTES);
}
async function deleteServiceAttributes(deps, input) {
  await deps.store.deleteServiceAttributes(idFromIdOrArn(input.serviceId), input.keys);
}

// src/api/services.ts
function healthCheckConfigOf(hc) {
  if (!hc) return void 0;
  return {
    type: hc.Type,
    ...hc.ResourcePath !== void 0 && { resourcePath: hc.ResourcePath },
    ...hc.FailureThreshold !== void 0 && { failureThreshold: hc.FailureThreshold }
  };
}
var dnsRecordsOf = (records2) => records2.map((r) => ({ type: r.Type, ttl: r.TTL }));
var createService2 = async (input, ctx) => {
  const namespaceId = input.NamespaceId ?? input.DnsConfig?.NamespaceId;
  if (!namespaceId) throw errors.invalidInput("NamespaceId is required");
  const service = await createService(ctx, {
    name: input.Name,
    namespaceId,
    creatorRequestId: input.CreatorRequestId,
    description: input.Description,
    dnsConfig: input.DnsConfig && { routingPolicy: input.DnsConfig.RoutingPolicy, dnsRecords: dnsRecordsOf(input.DnsConfig.DnsRecords) },
    healthCheckConfig: healthCheckConfigOf(input.HealthCheckConfig),
    healthCheckCustom: input.HealthCheckCustomConfig !== void 0,
    httpOnly: input.Type === "HTTP",
    tags: tagMap(input.Tags)
  });
  return { Service: serviceShape(service) };
};
var getService = async (input, ctx) => ({ Service: serviceShape(await serviceOrThrow(ctx.store, input.Id)) });
var serviceFilters = (ctx) => ({
  NAMESPACE_ID: { conditions: ["EQ"], value: (svc) => svc.namespaceId },
  RESOURCE_OWNER: { conditions: ["EQ"], value: (svc) => svc.resourceOwner === ctx.accountId ? "SELF" : "OTHER_ACCOUNTS" }
});
var listServices = async (input, ctx) => {
  const filters2 = input.Filters?.map((f) => f.Name === "NAMESPACE_ID" ? { ...f, Values: f.Values.map(idFromIdOrArn) } : f);
  const matches = compileFilters(filters2, serviceFilters(ctx));
  const all = (await ctx.store.listServices()).filter(matches);
  const page = paginate(all, byCreateDate, input.NextToken, input.MaxResults ?? DEFAULT_MAX_RESULTS);
  return { Services: page.items.map((s) => serviceSummaryShape(s)), NextToken: page.nextToken };
};
var deleteService2 = async (input, ctx) => {
  await deleteService(ctx, { serviceId: input.Id });
  return {};
};
var updateService2 = async (input, ctx) => {
  const change = input.Service;
  const { operationId } = await updateService(ctx, {
    serviceId: input.Id,
    description: change.Description,
    dnsRecords: change.DnsConfig && dnsRecordsOf(change.DnsConfig.DnsRecords),
    healthCheckConfig: healthCheckConfigOf(change.HealthCheckConfig) ?? null
  });
  return { OperationId: operationId };
};
var getServiceAttributes = async (input, ctx) => {
  const service = await serviceOrThrow(ctx.store, input.ServiceId);
  const attributes = await ctx.store.getServiceAttributes(service.id);
  return { ServiceAttributes: { ServiceArn: service.arn, ResourceOwner: service.resourceOwner, Attributes: attributes } };
};
var updateServiceAttributes2 = async (input, ctx) => {
  await updateServiceAttributes(ctx, { serviceId: input.ServiceId, attributes: input.Attributes });
  return {};
};
var deleteServiceAttributes2 = async (input, ctx) => {
  await deleteServiceAttributes(ctx, { serviceId: input.ServiceId, keys: input.Attributes });
  return {};
};

// src/api/tags.ts
var tagResource2 = async (input, ctx) => {
  await tagResource(ctx, { resourceArn: input.ResourceARN, tags: tagMap(input.Tags) ?? {} });
  return {};
};
var untagResource2 = async (input, ctx) => {
  await untagResource(ctx, { resourceArn: input.ResourceARN, tagKeys: input.TagKeys });
  return {};
};
var listTagsForResource = async (input, ctx) => {
  const resource = resourceOf(input.ResourceARN);
  const found = resource.kind === "namespace" ? await ctx.store.getNamespace(resource.id) : await ctx.store.getService(resource.id);
  if (!found || found.arn !== resource.arn) throw errors.resourceNotFound(resource.arn);
  return { Tags: tagListShape(await ctx.store.getTags(resource.arn)) };
};

// src/api/router.ts
var TARGET_PREFIX = "Route53AutoNaming_v20170314.";
var MAX_BODY_BYTES = 1024 * 1024;
var HANDLERS = {
  CreatePrivateDnsNamespace: createPrivateDnsNamespace,
  CreatePublicDnsNamespace: createPublicDnsNamespace,
  CreateHttpNamespace: createHttpNamespace,
  GetNamespace: getNamespace,
  ListNamespaces: listNamespaces,
  DeleteNamespace: deleteNamespace2,
  UpdateHttpNamespace: updateHttpNamespace,
  UpdatePrivateDnsNamespace: updatePrivateDnsNamespace,
  UpdatePublicDnsNamespace: updatePublicDnsNamespace,
  CreateService: createService2,
  GetService: getService,
  ListServices: listServices,
  DeleteService: deleteService2,
  UpdateService: updateService2,
  GetServiceAttributes: getServiceAttributes,
  UpdateServiceAttributes: updateServiceAttributes2,
  DeleteServiceAttributes: deleteServiceAttributes2,
  RegisterInstance: registerInstance2,
  DeregisterInstance: deregisterInstance2,
  GetInstance: getInstance,
  ListInstances: listInstances,
  GetInstancesHealthStatus: getInstancesHealthStatus,
  UpdateInstanceCustomHealthStatus: updateInstanceCustomHealthStatus2,
  DiscoverInstances: discoverInstances,
  DiscoverInstancesRevision: discoverInstancesRevision,
  GetOperation: getOperation,
  ListOperations: listOperations,
  ListTagsForResource: listTagsForResource,
  TagResource: tagResource2,
  UntagResource: untagResource2
};
function operationOf(request) {
  const target = request.headers.get("x-amz-target") ?? "";
  const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : "";
  return isOperationName(operation) ? operation : void 0;
}
function unknownOperation(request) {
  const target = request.headers.get("x-amz-target") ?? "";
  return new CloudMapError("UnknownOperationException", `Unknown operation: ${target.slice(0, 200) || "(no X-Amz-Target header)"}`);
}
async function dispatch(body, region, operation, options) {
  const input = parseBody2(body);
  validateInput(operation, input);
  const handler = HANDLERS[operation];
  const ctx = {
    store: options.store,
    view: options.view,
    region: region ?? options.region ?? "us-east-1",
    accountId: options.accountId ?? "123456789012",
    now: options.now ?? Date.now,
    awaitRevision: options.awaitRevision ?? (async () => {
    }),
    awsStrict: options.awsStrict ?? false,
    cachedService: (id) => options.view.services.get(id)?.service
  };
  return handler(input, ctx);
}
function createApiApp(options) {
  const logger = options.logger ?? silentLogger;
  const app = new Hono3();
  app.post(
    "/",
    async (c) => {
      const started = performance.now();
      const requestId = crypto.randomUUID();
      const operation = operationOf(c.req.raw);
      try {
        const body = await readBody(c.req.raw, MAX_BODY_BYTES);
        let region;
        if (options.verifySignature) {
          const caller = await options.verifySignature(c.req.raw, body);
          region = isAwsRegion(caller.region) ? caller.region : void 0;
        } else {
          region = regionFromAuthorization(c.req.raw.headers.get("authorization"));
        }
        if (!operation) throw unknownOperation(c.req.raw);
        const response = jsonResponse(await dispatch(body, region, operation, options), requestId);
        const ms = elapsed(started);
        logger.info({ operation, status: 200, ms, requestId }, "api request");
        options.onRequest?.({ operation, status: 200, ms });
        return response;
      } catch (error) {
        const response = errorResponse(error, requestId);
        const ms = elapsed(started);
        if (isClientAbort(error, c.req.raw.signal)) {
          logger.debug({ operation: operation ?? null, ms, requestId, error: error.message }, "api request aborted by the client");
          options.onRequest?.({ operation: operation ?? null, status: 0, errorCode: "ClientAbort", ms });
          return response;
        }
        const errorCode2 = logFailure(logger, error, { operation: operation ?? null, status: response.status, ms, requestId });
        options.onRequest?.({ operation: operation ?? null, status: response.status, errorCode: errorCode2, ms });
        return response;
      }
    }
  );
  return app;
}
var elapsed = (started) => Math.round((performance.now() - started) * 1e3) / 1e3;
function logFailure(logger, error, fields) {
  if (error instanceof CloudMapError && error.type !== "InternalFailure") {
    const line = { ...fields, errorCode: error.type, error: error.message.slice(0, 500) };
    if (error.status >= 500) logger.warn(line, "api request");
    else logger.info(line, "api request");
    return error.type;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  logger.error({ ...fields, errorCode: "InternalFailure", error: err.message, stack: err.stack }, "api request failed unexpectedly");
  return "InternalFailure";
}

// src/metrics/dense.ts
var Dense = class {
  name;
  help;
  aggregator = "sum";
  labelNames;
  #values;
  #strides;
  /** Number of label combinations. */
  cells;
  constructor(o) {
    if (o.labelNames.length !== o.labelValues.length) throw new Error(`${o.name}: one list of values per label name`);
    this.name = o.name;
    this.help = o.help;
    this.labelNames = o.labelNames;
    this.#values = o.labelValues;
    this.#strides = [];
    let cells = 1;
    for (let i = o.labelValues.length - 1; i >= 0; i--) {
      this.#strides[i] = cells;
      cells *= o.labelValues[i].length;
    }
    this.cells = cells;
  }
  /** Cell index of a label combination, from each label's value index (in `labelValues` order). */
  cell(...indices) {
    let c = 0;
    for (let i = 0; i < indices.length; i++) c += indices[i] * this.#strides[i];
    return c;
  }
  /** The labels of cell `c`. */
  labelsOf(c) {
    const labels = {};
    for (let i = 0; i < this.labelNames.length; i++) {
      labels[this.labelNames[i]] = this.#values[i][Math.floor(c / this.#strides[i]) % this.#values[i].length];
    }
    return labels;
  }
  register(registry) {
    registry.registerMetric(this);
  }
};
var DenseCounter = class extends Dense {
  type = "counter";
  #counts;
  constructor(o) {
    super(o);
    this.#counts = new Float64Array(this.cells);
    this.register(o.registry);
  }
  /** Adds `n` (default 1) to cell `c` (from `cell(...)`). */
  inc(c, n = 1) {
    this.#counts[c] += n;
  }
  /** Current value of cell `c`. */
  value(c) {
    return this.#counts[c];
  }
  /** Called by prom-client's `Registry` at scrape time. */
  async get() {
    const values = [];
    for (let c = 0; c < this.cells; c++) if (this.#counts[c] > 0) values.push({ value: this.#counts[c], labels: this.labelsOf(c) });
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
  /** `Registry.resetMetrics()`. */
  reset() {
    this.#counts.fill(0);
  }
};
var DenseHistogram = class extends Dense {
  type = "histogram";
  /** Upper bounds, ascending (the `le` labels; `+Inf` is implied). */
  buckets;
  /** Per cell: one count per bucket (not cumulative) and one for +Inf. */
  #bucketCounts;
  #sums;
  #counts;
  #width;
  constructor(o) {
    super(o);
    for (let i = 1; i < o.buckets.length; i++) if (!(o.buckets[i] > o.buckets[i - 1])) throw new Error(`${o.name}: buckets must ascend`);
    this.buckets = o.buckets;
    this.#width = o.buckets.length + 1;
    this.#bucketCounts = new Float64Array(this.cells * this.#width);
    this.#sums = new Float64Array(this.cells);
    this.#counts = new Float64Array(this.cells);
    this.register(o.registry);
  }
  /** Records `value` (seconds, bytes...) in cell `c`. */
  observe(c, value) {
    const b = this.buckets;
    let i = 0;
    while (i < b.length && value > b[i]) i++;
    this.#bucketCounts[c * this.#width + i]++;
    this.#sums[c] += value;
    this.#counts[c]++;
  }
  /** Observations in cell `c`. */
  count(c) {
    return this.#counts[c];
  }
  /** Called by prom-client's `Registry` at scrape time: cumulative `_bucket`s, `_sum`, `_count` per recorded cell. */
  async get() {
    const values = [];
    for (let c = 0; c < this.cells; c++) {
      if (this.#counts[c] === 0) continue;
      const labels = this.labelsOf(c);
      let cumulative = 0;
      for (let i = 0; i < this.#width; i++) {
        cumulative += this.#bucketCounts[c * this.#width + i];
        values.push({ value: cumulative, labels: { ...labels, le: i < this.buckets.length ? this.buckets[i] : "+Inf" }, metricName: `${this.name}_bucket` });
      }
      values.push({ value: this.#sums[c], labels, metricName: `${this.name}_sum` });
      values.push({ value: this.#counts[c], labels, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
  /** `Registry.resetMetrics()`. */
  reset() {
    this.#bucketCounts.fill(0);
    this.#sums.fill(0);
    this.#counts.fill(0);
  }
};
function exponentialBuckets(start, factor, count2) {
  return Array.from({ length: count2 }, (_, i) => Number((start * factor ** i).toPrecision(12)));
}

// src/metrics/registry.ts
var import_prom_client = __toESM(require_prom_client(), 1);
var METRIC_NAMESPACE = "cloudmap_dns";
function metricName(component, name) {
  return `${METRIC_NAMESPACE}_${component}_${name}`;
}
function createRegistry(options = {}) {
  const registry = new import_prom_client.Registry();
  if (options.processMetrics ?? true) {
    try {
      (0, import_prom_client.collectDefaultMetrics)({ register: registry });
      for (const name of ["nodejs_active_handles_total", "nodejs_active_requests_total", "nodejs_active_resources_total"]) registry.removeSingleMetric(name);
    } catch {
    }
  }
  const deno = globalThis.Deno;
  const info = new import_prom_client.Gauge({
    name: `${METRIC_NAMESPACE}_build_info`,
    help: "A metric with a constant 1 value labelled by the runtime running cloudmap-dns (CoreDNS: coredns_build_info).",
    labelNames: ["runtime", "runtime_version"],
    registers: [registry]
  });
  info.set(deno ? { runtime: "deno", runtime_version: deno.version.deno } : { runtime: "node", runtime_version: globalThis.process?.version ?? "unknown" }, 1);
  return registry;
}
async function metricsResponse(registry) {
  try {
    return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
  } catch (error) {
    return new Response(`cannot collect metrics: ${error.message}
`, { status: 500, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}

// src/dns/query.ts
function emptyParsedQuery() {
  return {
    id: 0,
    flags: 0,
    opcode: 0,
    question: { name: "", type: 0, class: 1 },
    questionEnd: HEADER_BYTES,
    questionLabels: 0,
    labelOffsets: new Int32Array(128),
    edns: false,
    ednsUdpSize: 0,
    dnssecOk: false,
    error: Rcode.NOERROR
  };
}
var nameChars = [];
function walkQuestion(bytes, out) {
  let off = HEADER_BYTES;
  let labels = 0;
  let dotted = false;
  nameChars.length = 0;
  for (; ; ) {
    if (off >= bytes.length) return -1;
    const len = bytes[off];
    if (len === 0) break;
    if (len > 63 || off + 1 + len > bytes.length || off + 1 + len - HEADER_BYTES > 254) return -1;
    out.labelOffsets[labels++] = off;
    if (labels > 1) nameChars.push(46);
    for (let i = off + 1; i <= off + len; i++) {
      const c = bytes[i];
      if (c === 46) dotted = true;
      nameChars.push(c >= 65 && c <= 90 ? c | 32 : c);
    }
    off += 1 + len;
  }
  off += 1;
  if (off + 4 > bytes.length) return -1;
  out.questionLabels = labels;
  out.question.name = String.fromCharCode.apply(null, nameChars);
  out.question.type = bytes[off] << 8 | bytes[off + 1];
  out.question.class = bytes[off + 2] << 8 | bytes[off + 3];
  if (dotted) out.error = Rcode.REFUSED;
  return off + 4;
}
function skipName(bytes, off, end) {
  for (let wire = 0; ; ) {
    if (off >= end) return -1;
    const len = bytes[off];
    if (len === 0) return off + 1;
    if ((len & 192) === 192) return off + 2 <= end ? off + 2 : -1;
    if (len & 192) return -1;
    wire += len + 1;
    if (wire > 255) return -1;
    off += 1 + len;
  }
}
function readRecords(bytes, off, out) {
  const end = bytes.length;
  const count2 = (bytes[6] << 8 | bytes[7]) + (bytes[8] << 8 | bytes[9]) + (bytes[10] << 8 | bytes[11]);
  const additionalFrom = (bytes[6] << 8 | bytes[7]) + (bytes[8] << 8 | bytes[9]);
  let rcode = Rcode.NOERROR;
  for (let i = 0; i < count2; i++) {
    const nameAt = off;
    off = skipName(bytes, off, end);
    if (off < 0 || off + 10 > end) return Rcode.FORMERR;
    const type = bytes[off] << 8 | bytes[off + 1];
    const rdlength = bytes[off + 8] << 8 | bytes[off + 9];
    const rdata = off + 10;
    if (rdata + rdlength > end) return Rcode.FORMERR;
    if (type === RRType.OPT && i >= additionalFrom) {
      if (out.edns || bytes[nameAt] !== 0) return Rcode.FORMERR;
      for (let o = rdata; o < rdata + rdlength; ) {
        if (o + 4 > rdata + rdlength) return Rcode.FORMERR;
        o += 4 + (bytes[o + 2] << 8 | bytes[o + 3]);
        if (o > rdata + rdlength) return Rcode.FORMERR;
      }
      out.edns = true;
      out.ednsUdpSize = bytes[off + 2] << 8 | bytes[off + 3];
      out.dnssecOk = ((bytes[off + 6] << 8 | bytes[off + 7]) & EDNS_DO) !== 0;
      if (bytes[off + 5] !== 0) rcode = Rcode.BADVERS;
    }
    off = rdata + rdlength;
  }
  return off === end ? rcode : Rcode.FORMERR;
}
function parseQuery(bytes, out) {
  if (bytes.length < HEADER_BYTES) return false;
  const flags = bytes[2] << 8 | bytes[3];
  if (flags & Flag.QR) return false;
  out.id = bytes[0] << 8 | bytes[1];
  out.flags = flags;
  out.opcode = flags >> 11 & 15;
  out.questionEnd = HEADER_BYTES;
  out.questionLabels = 0;
  out.edns = false;
  out.ednsUdpSize = 0;
  out.dnssecOk = false;
  out.error = Rcode.NOERROR;
  const qdcount = bytes[4] << 8 | bytes[5];
  const end = qdcount === 1 ? walkQuestion(bytes, out) : -1;
  if (end > 0) out.questionEnd = end;
  if (out.opcode !== Opcode.QUERY) {
    out.error = Rcode.NOTIMP;
    return true;
  }
  if (end < 0) {
    out.error = Rcode.FORMERR;
    return true;
  }
  const refused = out.error;
  const rcode = readRecords(bytes, end, out);
  if (rcode === Rcode.FORMERR) {
    out.edns = false;
    out.error = Rcode.FORMERR;
  } else {
    out.error = rcode !== Rcode.NOERROR ? rcode : refused;
  }
  if (out.edns && out.ednsUdpSize < UDP_MIN_PAYLOAD) out.ednsUdpSize = UDP_MIN_PAYLOAD;
  return true;
}

// src/dns/rrl-key.ts
var RrlClass = { response: 0, nodata: 1, nxdomain: 2, error: 3 };
var RRL_CLASS_NAMES = ["response", "nodata", "nxdomain", "error"];
var P1 = 16777619;
var P2 = 1540483477;
var LOWER = Uint8Array.from({ length: 256 }, (_, c) => c >= 65 && c <= 90 ? c | 32 : c);
function fmix(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  h = Math.imul(h, 3266489909);
  return (h ^ h >>> 16) >>> 0;
}
function parseIpv4(s, from, to) {
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = from; i <= to; i++) {
    const c = i === to ? 46 : s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255 || ++parts > 4) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
    } else return -1;
  }
  return parts === 4 ? value : -1;
}
var AccountHasher = class {
  #seed;
  #v4Mask;
  #v6Bits;
  #groups = new Uint16Array(8);
  #tail = new Uint16Array(8);
  #h1 = 0;
  #h2 = 0;
  #lastSource = void 0;
  #sourceH1 = 0;
  #sourceH2 = 0;
  /**
   * @param ipv4PrefixLength bits of an IPv4 source that name its network, 0..32
   * @param ipv6PrefixLength bits of an IPv6 source that name its network, 0..128
   * @param seed hash seed (random per process by default; fixed in tests)
   */
  constructor(ipv4PrefixLength, ipv6PrefixLength, seed = Math.random() * 4294967296 >>> 0) {
    this.#seed = seed;
    this.#v4Mask = ipv4PrefixLength === 0 ? 0 : 4294967295 << 32 - ipv4PrefixLength >>> 0;
    this.#v6Bits = ipv6PrefixLength;
  }
  /**
   * The account key of `response` sent to `source` (an IP literal as Node's
   * dgram reports it, an IPv6 zone suffix `%eth0` allowed), written to `out`.
   * @returns the response class, or -1 when the response or address cannot be read (not limited)
   */
  key(source, response, out) {
    if (response.length < 12) return -1;
    if (source !== this.#lastSource) {
      this.#h1 = this.#seed ^ 2166136261;
      this.#h2 = this.#seed ^ 2538058380;
      if (!this.#source(source)) return -1;
      this.#lastSource = source;
      this.#sourceH1 = this.#h1;
      this.#sourceH2 = this.#h2;
    } else {
      this.#h1 = this.#sourceH1;
      this.#h2 = this.#sourceH2;
    }
    const rcode = response[3] & 15;
    const qdcount = response[4] << 8 | response[5];
    const ancount = response[6] << 8 | response[7];
    let cls;
    if (rcode === 0 && qdcount === 1) {
      cls = ancount > 0 ? RrlClass.response : RrlClass.nodata;
      this.#word(cls);
      const end = this.#name(response, 12);
      if (end < 0 || end + 4 > response.length) return -1;
      if (cls === RrlClass.response) this.#word(response[end] << 8 | response[end + 1]);
    } else if (rcode === 3) {
      cls = RrlClass.nxdomain;
      this.#word(cls);
      const soa = qdcount === 1 ? authorityOwner(response, ancount) : -1;
      if (soa >= 0) this.#name(response, soa);
    } else {
      cls = RrlClass.error;
      this.#word(cls);
    }
    out.a = fmix(this.#h1);
    out.b = fmix(this.#h2 ^ this.#h1);
    return cls;
  }
  #word(w) {
    this.#h1 = Math.imul(this.#h1 ^ w, P1);
    this.#h2 = Math.imul(this.#h2 ^ w, P2);
  }
  /** Hashes the source's network; false when `s` is not an IP literal. */
  #source(s) {
    let end = s.indexOf("%");
    if (end < 0) end = s.length;
    if (s.indexOf(":") < 0) {
      const v4 = parseIpv4(s, 0, end);
      if (v4 < 0) return false;
      this.#word(4);
      this.#word((v4 & this.#v4Mask) >>> 0);
      return true;
    }
    const g = this.#groups;
    if (!this.#parseIpv6(s, end)) return false;
    if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 65535) {
      this.#word(4);
      this.#word(((g[6] << 16 | g[7]) & this.#v4Mask) >>> 0);
      return true;
    }
    this.#word(6);
    for (let i = 0, bits = this.#v6Bits; i < 8 && bits > 0; i++, bits -= 16) {
      this.#word(bits >= 16 ? g[i] : g[i] & (65535 << 16 - bits & 65535));
    }
    return true;
  }
  /** Parses IPv6 text (RFC 4291 §2.2, `::` and a trailing dotted quad) in `s[0, end)` into the 8 groups. */
  #parseIpv6(s, end) {
    const g = this.#groups;
    const tail = this.#tail;
    let head = 0;
    let tails = 0;
    let gap = false;
    let i = 0;
    if (s.charCodeAt(0) === 58 && s.charCodeAt(1) === 58) {
      gap = true;
      i = 2;
    }
    while (i < end) {
      let v = 0;
      let j = i;
      while (j < end && j - i < 5) {
        const c = s.charCodeAt(j) | 32;
        if (c >= 48 && c <= 57) v = v * 16 + c - 48;
        else if (c >= 97 && c <= 102) v = v * 16 + c - 87;
        else break;
        j++;
      }
      if (j < end && s.charCodeAt(j) === 46) {
        const v4 = parseIpv4(s, i, end);
        if (v4 < 0 || head + tails > 6) return false;
        if (gap) tail[tails++] = v4 >>> 16, tail[tails++] = v4 & 65535;
        else g[head++] = v4 >>> 16, g[head++] = v4 & 65535;
        break;
      }
      if (j === i || j - i > 4 || head + tails >= 8) return false;
      if (gap) tail[tails++] = v;
      else g[head++] = v;
      if (j === end) break;
      if (s.charCodeAt(j) !== 58) return false;
      if (s.charCodeAt(j + 1) === 58) {
        if (gap) return false;
        gap = true;
        i = j + 2;
      } else {
        i = j + 1;
        if (i === end) return false;
      }
    }
    if (!gap) return head === 8;
    if (head + tails > 7) return false;
    g.fill(0, head, 8 - tails);
    for (let k = 0; k < tails; k++) g[8 - tails + k] = tail[k];
    return true;
  }
  /** Hashes the name at `off` (lower-cased, pointers followed); returns the offset after it in the record, or -1. */
  #name(m, off) {
    let after = -1;
    let jumps = 0;
    let h1 = this.#h1;
    let h2 = this.#h2;
    for (; ; ) {
      const len = m[off];
      if (len === void 0) return -1;
      if (len >= 192) {
        if (off + 1 >= m.length || ++jumps > 64) return -1;
        if (after < 0) after = off + 2;
        off = (len & 63) << 8 | m[off + 1];
        continue;
      }
      if (len > 63 || off + 1 + len > m.length) return -1;
      const end = off + 1 + len;
      for (let i = off; i < end; i++) {
        const c = LOWER[m[i]];
        h1 = Math.imul(h1 ^ c, P1);
        h2 = Math.imul(h2 ^ c, P2);
      }
      off = end;
      if (len === 0) {
        this.#h1 = Math.imul(h1 ^ 0, P1);
        this.#h2 = Math.imul(h2 ^ 0, P2);
        return after < 0 ? off : after;
      }
    }
  }
};
function skipName2(m, off) {
  for (; ; ) {
    const len = m[off];
    if (len === void 0 || len > 63 && len < 192) return -1;
    if (len >= 192) return off + 2 <= m.length ? off + 2 : -1;
    off += 1 + len;
    if (len === 0) return off;
  }
}
function authorityOwner(m, ancount) {
  const nscount = m[8] << 8 | m[9];
  if (nscount === 0) return -1;
  let off = skipName2(m, 12);
  if (off < 0) return -1;
  off += 4;
  for (let i = 0; i < ancount; i++) {
    off = skipName2(m, off);
    if (off < 0 || off + 10 > m.length) return -1;
    off += 10 + (m[off + 8] << 8 | m[off + 9]);
  }
  return off < m.length ? off : -1;
}

// src/dns/metrics.ts
var TRANSPORTS = ["udp", "tcp", "doh", "grpc"];
var TYPES = [
  ["A", 1],
  ["NS", 2],
  ["CNAME", 5],
  ["SOA", 6],
  ["PTR", 12],
  ["HINFO", 13],
  ["MX", 15],
  ["TXT", 16],
  ["AAAA", 28],
  ["SRV", 33],
  ["NAPTR", 35],
  ["DS", 43],
  ["DNSKEY", 48],
  ["NSEC", 47],
  ["NSEC3", 50],
  ["SVCB", 64],
  ["HTTPS", 65],
  ["IXFR", 251],
  ["AXFR", 252],
  ["ANY", 255],
  ["CAA", 257]
];
var TYPE_LABELS = ["other", ...TYPES.map(([name]) => name)];
var TYPE_INDEX = new Uint8Array(65536);
TYPES.forEach(([, code2], i) => TYPE_INDEX[code2] = i + 1);
var RCODE_LABELS = [
  "NOERROR",
  "FORMERR",
  "SERVFAIL",
  "NXDOMAIN",
  "NOTIMP",
  "REFUSED",
  "YXDOMAIN",
  "YXRRSET",
  "NXRRSET",
  "NOTAUTH",
  "NOTZONE",
  "DSOTYPENI",
  "RCODE12",
  "RCODE13",
  "RCODE14",
  "RCODE15",
  "BADVERS"
];
var BADVERS = 16;
function typeText(type) {
  const i = TYPE_INDEX[type];
  return i === 0 ? `TYPE${type}` : TYPE_LABELS[i];
}
function rcodeOf(response, tv) {
  const rcode = response.length >= 4 ? response[3] & 15 : 1;
  return rcode === 0 && tv > 65535 ? BADVERS : rcode;
}
var transportIndex = (t) => t === "udp" ? 0 : t === "tcp" ? 1 : t === "doh" ? 2 : 3;
function questionTypeAndVersion(q) {
  if (q.length < 17 || (q[4] << 8 | q[5]) !== 1) return -1;
  let off = 12;
  for (; ; ) {
    const len = q[off];
    if (len === void 0 || len > 63) return -1;
    off += len + 1;
    if (len === 0) break;
  }
  if (off + 4 > q.length) return -1;
  const type = q[off] << 8 | q[off + 1];
  off += 4;
  const arcount = q[10] << 8 | q[11];
  if (arcount > 0 && q[6] === 0 && q[7] === 0 && q[8] === 0 && q[9] === 0 && off + 11 <= q.length && q[off] === 0 && q[off + 1] === 0 && q[off + 2] === 41) {
    return type | q[off + 6] << 16;
  }
  return type;
}
var DnsMetrics = class {
  requests;
  dropped;
  duration;
  rrl;
  constructor(registry) {
    this.requests = new DenseCounter({
      name: metricName("dns", "requests_total"),
      help: "DNS queries answered, by transport (udp, tcp, doh, grpc), query type and response code.",
      labelNames: ["transport", "type", "rcode"],
      labelValues: [TRANSPORTS, TYPE_LABELS, RCODE_LABELS],
      registry
    });
    this.dropped = new DenseCounter({
      name: metricName("dns", "dropped_total"),
      help: "DNS messages dropped without an answer (shorter than a header, or not a query), by transport.",
      labelNames: ["transport"],
      labelValues: [TRANSPORTS],
      registry
    });
    this.duration = new DenseHistogram({
      name: metricName("dns", "request_duration_seconds"),
      help: "Time to answer one DNS query in this process (parse, resolve, encode; no socket I/O), by transport and query type.",
      labelNames: ["transport", "type"],
      labelValues: [TRANSPORTS, TYPE_LABELS],
      buckets: exponentialBuckets(25e-7, 2, 16),
      registry
    });
    this.rrl = new DenseCounter({
      name: metricName("dns", "rrl_responses_total"),
      help: "UDP responses withheld by response-rate limiting: dropped, or slipped (sent truncated, TC=1), by response class.",
      labelNames: ["action", "class"],
      labelValues: [["dropped", "slipped"], RRL_CLASS_NAMES],
      registry
    });
  }
  /** Counts one response limited by RRL (`ResponseRateLimiter`'s `onLimited`): `action` 1 dropped, 2 slipped. */
  recordRrl = (action, cls) => {
    this.rrl.inc((action - 1) * RRL_CLASS_NAMES.length + cls);
  };
  /**
   * Counts one query.
   * @param transport where it came from
   * @param query the query bytes
   * @param response the answer, or null when it was dropped
   * @param seconds time to answer
   * @returns the RCODE counted (0..16), or -1 when dropped
   */
  record(transport, query, response, seconds2) {
    const t = transportIndex(transport);
    if (response === null) {
      this.dropped.inc(t);
      return -1;
    }
    const tv = questionTypeAndVersion(query);
    const type = tv < 0 ? 0 : TYPE_INDEX[tv & 65535];
    const rcode = rcodeOf(response, tv);
    this.requests.inc(this.requests.cell(t, type, rcode));
    this.duration.observe(this.duration.cell(t, type), seconds2);
    return rcode;
  }
};
function instrumentResolver(resolver, options) {
  const { metrics, logger } = options;
  const debug = logger?.isLevelEnabled?.("debug") === true;
  if (!metrics && !debug) return resolver;
  const inner = resolver.handle.bind(resolver);
  const parsed = debug ? emptyParsedQuery() : void 0;
  const handle = (query, ctx) => {
    const started = performance.now();
    const response = inner(query, ctx);
    const ms = performance.now() - started;
    const rcode = metrics ? metrics.record(ctx.transport, query, response, ms / 1e3) : response ? rcodeOf(response, questionTypeAndVersion(query)) : -1;
    if (debug) logQuery(logger, parsed, ctx.transport, query, rcode, ms);
    return response;
  };
  return { view: resolver.view, resolve: (question) => resolver.resolve(question), handle };
}
function logQuery(logger, parsed, transport, query, rcode, ms) {
  const readable = parseQuery(query, parsed) && parsed.questionEnd > 12;
  logger.debug({
    transport,
    qname: readable ? `${parsed.question.name}.` : null,
    qtype: readable ? typeText(parsed.question.type) : null,
    rcode: rcode < 0 ? "dropped" : RCODE_LABELS[rcode] ?? String(rcode),
    ms: Math.round(ms * 1e3) / 1e3
  }, "dns query");
}

// src/dns/present.ts
function readName(bytes, at) {
  const labels = [];
  for (let len = bytes[at]; len !== 0; len = bytes[at]) {
    labels.push(String.fromCharCode(...bytes.subarray(at + 1, at + 1 + len)));
    at += 1 + len;
  }
  return [labels.join("."), at + 1];
}
var u16 = (b, at) => b[at] << 8 | b[at + 1];
var u32 = (b, at) => u16(b, at) * 65536 + u16(b, at + 2);
function presentRdata(type, bytes, at, length) {
  switch (type) {
    case RRType.A:
      return `${bytes[at]}.${bytes[at + 1]}.${bytes[at + 2]}.${bytes[at + 3]}`;
    case RRType.AAAA:
      return formatIPv6(bytes.subarray(at, at + 16));
    case RRType.NS:
    case RRType.CNAME:
      return readName(bytes, at)[0];
    case RRType.SRV:
      return `${u16(bytes, at)} ${u16(bytes, at + 2)} ${u16(bytes, at + 4)} ${readName(bytes, at + 6)[0]}`;
    case RRType.SOA: {
      const [mname, afterM] = readName(bytes, at);
      const [rname, afterR] = readName(bytes, afterM);
      const timers = [0, 1, 2, 3, 4].map((i) => u32(bytes, afterR + 4 * i));
      return `${mname} ${rname} ${timers.join(" ")}`;
    }
    default:
      throw new Error(`no presentation form for type ${type} (${length} bytes)`);
  }
}

// src/dns/records.ts
var EMPTY = [];
var WireRecord = class _WireRecord {
  /**
   * @param type numeric RR type (RFC 1035 §3.2.2)
   * @param ttl seconds
   * @param bytes the slab holding TYPE, CLASS (IN), TTL, RDLENGTH and RDATA at `at`
   * @param at offset of the record's bytes in `bytes`
   * @param length number of bytes (10 + RDLENGTH)
   * @param owner lowercase owner name without trailing dot, or its parent when `label` is set
   * @param label leftmost label(s) of the owner name below `owner` (an instance host name's id), or ''
   */
  constructor(type, ttl, bytes, at, length, owner, label) {
    this.type = type;
    this.ttl = ttl;
    this.bytes = bytes;
    this.at = at;
    this.length = length;
    this.owner = owner;
    this.label = label;
  }
  type;
  ttl;
  bytes;
  at;
  length;
  owner;
  label;
  /** Owner name, lowercase, no trailing dot. */
  get name() {
    return this.label === "" ? this.owner : `${this.label}.${this.owner}`;
  }
  /** A view of the slab at this record, made on first use (see `body`). */
  #body;
  /**
   * TYPE, CLASS (IN), TTL, RDLENGTH and RDATA: the wire form after the owner
   * name, as a view of the slab made on first use and kept (the encoder asks
   * for it only for records over 48 bytes, which a native copy writes faster
   * than a loop: SRV records with long target names, SOA).
   */
  get body() {
    return this.#body ??= this.bytes.subarray(this.at, this.at + this.length);
  }
  /** Presentation-form RDATA (see `rrsets.ts`), decoded from the wire bytes. */
  get value() {
    return presentRdata(this.type, this.bytes, this.at + 10, this.length - 10);
  }
  /**
   * SRV records: the A / AAAA records at the target name, for the
   * additional section (set once the service's host records are built);
   * empty for other types. An SRV record is its own `SrvTarget` (no wrapper
   * object per instance, and one object shape for every record, so the
   * encoder's property reads stay monomorphic).
   */
  addresses = EMPTY;
  /** The SRV record itself (see `addresses`). */
  get srv() {
    return this;
  }
  /** The same bytes at another owner (shares the span: for an instance host's copy of its service address record). */
  at_owner(owner, label) {
    return new _WireRecord(this.type, this.ttl, this.bytes, this.at, this.length, owner, label);
  }
};
var typeNumber = { A: RRType.A, AAAA: RRType.AAAA, CNAME: RRType.CNAME, SRV: RRType.SRV, SOA: RRType.SOA, NS: RRType.NS };
function wireRecord(name, type, ttl, value, label = "") {
  const [bytes, at, length] = encodeSpan(name, type, ttl, value, label);
  return new WireRecord(type, ttl, bytes, at, length, name, label);
}
function encodeSpan(name, type, ttl, value, label) {
  const rdata = encodeRdata(type, value);
  if (!rdata) throw new Error(`cannot encode ${label ? `${label}.` : ""}${name} ${type} ${JSON.stringify(value)}`);
  const length = 10 + rdata.length;
  const at = allocateRecordSpan(length);
  const bytes = recordSpanArray();
  bytes[at] = type >> 8;
  bytes[at + 1] = type & 255;
  bytes[at + 3] = 1;
  bytes[at + 4] = ttl >>> 24 & 255;
  bytes[at + 5] = ttl >>> 16 & 255;
  bytes[at + 6] = ttl >>> 8 & 255;
  bytes[at + 7] = ttl & 255;
  bytes[at + 8] = rdata.length >> 8;
  bytes[at + 9] = rdata.length & 255;
  bytes.set(rdata, at + 10);
  return [bytes, at, length];
}
function buildZoneRecords(namespace, naming) {
  const [soa, ns] = apexRRsets(namespace, naming);
  const name = canonicalName(namespace.name);
  return {
    name,
    labels: name.split(".").length,
    soa: wireRecord(name, RRType.SOA, soa.ttl, soa.values[0]),
    negativeSoa: wireRecord(name, RRType.SOA, negativeTtl(soa.ttl), soa.values[0]),
    ns: wireRecord(name, RRType.NS, ns.ttl, ns.values[0])
  };
}
var pool = () => ({ healthy: [], unhealthy: [] });
function buildServiceRecords(namespace, service, instances) {
  const rrsets = serviceRRsets(namespace, service, instances);
  const owner = serviceRecordName(namespace, service);
  const a = pool();
  const aaaa = pool();
  const cnames = pool();
  const srv = pool();
  const hasSrv = service.dnsRecords?.some((t) => t.type === "SRV") ?? false;
  const hosts = hasSrv ? /* @__PURE__ */ new Map() : void 0;
  let ents;
  const hostKey = (name) => name.slice(0, name.length - owner.length - 1);
  if (hosts) {
    for (const inst of instances) {
      const key = inst.id.toLowerCase();
      if (!hosts.has(key)) hosts.set(key, EMPTY);
      for (let dot = key.indexOf("."); dot >= 0; dot = key.indexOf(".", dot + 1)) (ents ??= /* @__PURE__ */ new Set()).add(key.slice(dot + 1));
    }
    if (ents) for (const key of hosts.keys()) ents.delete(key);
  }
  let lastA;
  let lastAAAA;
  const targets = [];
  for (const r of rrsets) {
    const type = typeNumber[r.type];
    const value = r.values[0];
    if (r.role === "host") {
      const label = hostKey(r.name);
      const same = type === RRType.A ? lastA : lastAAAA;
      const record2 = same && same.ttl === r.ttl && same.value === value ? same.at_owner(owner, label) : wireRecord(owner, type, r.ttl, value, label);
      const list = hosts?.get(label);
      if (list) hosts.set(label, list.length === 0 ? [record2] : [...list, record2]);
      continue;
    }
    if (r.role !== "service") continue;
    const side = r.healthy ? "healthy" : "unhealthy";
    if (r.type === "SRV") {
      const [bytes, at, length] = encodeSpan(owner, type, r.ttl, value, "");
      const record2 = new WireRecord(type, r.ttl, bytes, at, length, owner, "");
      srv[side].push(record2);
      targets.push([record2, hostKey(value.slice(value.lastIndexOf(" ") + 1))]);
      continue;
    }
    const record = wireRecord(owner, type, r.ttl, value);
    if (r.type === "A") {
      a[side].push(record);
      lastA = record;
      lastAAAA = void 0;
    } else if (r.type === "AAAA") {
      aaaa[side].push(record);
      lastAAAA = record;
    } else if (r.type === "CNAME") cnames[side].push(record);
  }
  for (const [record, key] of targets) record.addresses = hosts?.get(key) ?? EMPTY;
  return {
    weighted: service.routingPolicy === "WEIGHTED",
    cname: service.dnsRecords?.some((t) => t.type === "CNAME") ?? false,
    a,
    aaaa,
    cnames,
    srv,
    hosts,
    hostEmptyNonTerminals: ents && ents.size > 0 ? ents : void 0
  };
}

// src/dns/record-cache.ts
var RecordCache = class {
  constructor(naming) {
    this.naming = naming;
  }
  naming;
  #zones = /* @__PURE__ */ new WeakMap();
  #services = /* @__PURE__ */ new WeakMap();
  /** Apex records of `zone`. */
  zone(zone) {
    const memo = this.#zones.get(zone);
    if (memo && memo.namespace === zone.namespace) return memo.records;
    const records2 = buildZoneRecords(zone.namespace, this.naming);
    this.#zones.set(zone, { namespace: zone.namespace, records: records2 });
    return records2;
  }
  /** Records of the service `entry` in `zone`. */
  service(entry, zone) {
    const healthy = entry.healthy();
    const unhealthy = entry.unhealthy();
    const memo = this.#services.get(entry);
    if (memo && memo.healthy === healthy && memo.unhealthy === unhealthy && memo.service === entry.service && memo.namespace === zone.namespace) {
      return memo.records;
    }
    const instances = unhealthy.length === 0 ? healthy : healthy.concat(unhealthy);
    const records2 = buildServiceRecords(zone.namespace, entry.service, instances);
    this.#services.set(entry, { service: entry.service, namespace: zone.namespace, healthy, unhealthy, records: records2 });
    return records2;
  }
};

// src/dns/negative.ts
function hasSrvRecord(service) {
  const records2 = service.dnsRecords;
  if (!records2) return false;
  for (let i = 0; i < records2.length; i++) if (records2[i].type === "SRV") return true;
  return false;
}
function lookupHost(zone, relative, cache) {
  let ent = false;
  for (let dot = relative.indexOf("."); dot > 0; dot = relative.indexOf(".", dot + 1)) {
    const entry = zone.services.get(relative.slice(dot + 1));
    if (!entry || !hasSrvRecord(entry.service)) continue;
    const records2 = cache.service(entry, zone);
    const label = relative.slice(0, dot);
    const host = records2.hosts?.get(label);
    if (host) return host;
    if (records2.hostEmptyNonTerminals?.has(label)) ent = true;
  }
  return ent ? "empty-non-terminal" : void 0;
}

// src/dns/select.ts
var MULTIVALUE_MAX = 8;
var chosen = new Int32Array(MULTIVALUE_MAX);
function below(n, random) {
  const r = Math.floor(random() * n);
  return r >= n ? n - 1 : r < 0 ? 0 : r;
}
function sample(n, k, random) {
  const count2 = k < n ? k : n;
  let size = 0;
  for (let j = n - count2; j < n; j++) {
    const t = below(j + 1, random);
    let seen = false;
    for (let i = 0; i < size; i++) {
      if (chosen[i] === t) {
        seen = true;
        break;
      }
    }
    chosen[size++] = seen ? j : t;
  }
  for (let i = size - 1; i > 0; i--) {
    const j = below(i + 1, random);
    const tmp = chosen[i];
    chosen[i] = chosen[j];
    chosen[j] = tmp;
  }
  return size;
}
function choose(pool2, single, random) {
  const from = pool2.healthy.length > 0 ? pool2.healthy : pool2.unhealthy;
  const n = from.length;
  if (single) {
    chosenCount = n > 0 ? 1 : 0;
    if (n > 0) chosen[0] = below(n, random);
  } else if (n <= MULTIVALUE_MAX) {
    for (let i = 0; i < n; i++) chosen[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = below(i + 1, random);
      const tmp = chosen[i];
      chosen[i] = chosen[j];
      chosen[j] = tmp;
    }
    chosenCount = n;
  } else {
    chosenCount = sample(n, MULTIVALUE_MAX, random);
  }
  return from;
}
var chosenCount = 0;
var chosenIndices = chosen;
function chosenLength() {
  return chosenCount;
}
function pick2(pool2, single, random, out) {
  const from = choose(pool2, single, random);
  for (let i = 0; i < chosenCount; i++) out.push(from[chosen[i]]);
  return chosenCount;
}

// src/dns/resolve.ts
function emptyResolution() {
  return { rcode: Rcode.NOERROR, authoritative: false, zone: void 0, answers: [], authority: [], additionals: [], additionalOwners: [] };
}
function resolveInto(question, view, cache, random, out, fullAny = false) {
  out.rcode = Rcode.NOERROR;
  out.authoritative = false;
  out.zone = void 0;
  if (out.answers.length !== 0) out.answers.length = 0;
  if (out.authority.length !== 0) out.authority.length = 0;
  if (out.additionals.length !== 0) {
    out.additionals.length = 0;
    out.additionalOwners.length = 0;
  }
  const qclass = question.class ?? RRClass.IN;
  const type = question.type;
  const name = canonicalName(question.name);
  const zone = qclass === RRClass.IN || qclass === RRClass.ANY ? view.findZone(name) : void 0;
  if (!zone || type === RRType.AXFR || type === RRType.IXFR) {
    out.rcode = Rcode.REFUSED;
    return out;
  }
  const zr = cache.zone(zone);
  out.zone = zr;
  out.authoritative = true;
  const answers = out.answers;
  const any = type === RRType.ANY;
  const minimalAny = any && !fullAny;
  if (name.length === zr.name.length) {
    if (type === RRType.SOA || any) answers.push(zr.soa);
    if (type === RRType.NS || any && !minimalAny) answers.push(zr.ns);
  } else {
    const relative = name.slice(0, name.length - zr.name.length - 1);
    const entry = zone.services.get(relative);
    if (entry) {
      const records2 = cache.service(entry, zone);
      if (records2.cname) {
        pick2(records2.cnames, true, random, answers);
      } else {
        if (any || type === RRType.A) pick2(records2.a, records2.weighted, random, answers);
        if (any && !(minimalAny && answers.length > 0) || type === RRType.AAAA) pick2(records2.aaaa, records2.weighted, random, answers);
        if (any && !(minimalAny && answers.length > 0) || type === RRType.SRV) {
          const from = choose(records2.srv, records2.weighted, random);
          const n = chosenLength();
          for (let i = 0; i < n; i++) {
            const target = from[chosenIndices[i]];
            const owner = answers.length;
            answers.push(target.srv);
            if (minimalAny) continue;
            for (let j = 0; j < target.addresses.length; j++) {
              out.additionals.push(target.addresses[j]);
              out.additionalOwners.push(owner);
            }
          }
        }
      }
    } else {
      const host = lookupHost(zone, relative, cache);
      if (typeof host === "object") {
        for (let i = 0; i < host.length; i++) {
          const r = host[i];
          if (r.type === type || any && !(minimalAny && answers.length > 0 && answers[0].type !== r.type)) answers.push(r);
        }
      } else if (host === void 0 && !zone.isEmptyNonTerminal(relative)) {
        out.rcode = Rcode.NXDOMAIN;
      }
    }
  }
  if (answers.length === 0) out.authority.push(zr.negativeSoa);
  return out;
}

// src/dns/wire.ts
function responseSizeLimit(transport, ednsUdpSize, serverUdpPayload) {
  if (transport !== "udp") return STREAM_MAX_MESSAGE;
  if (ednsUdpSize === void 0) return UDP_MIN_PAYLOAD;
  const cap = Math.max(UDP_MIN_PAYLOAD, serverUdpPayload);
  return Math.min(Math.max(UDP_MIN_PAYLOAD, ednsUdpSize), cap);
}
var OPT_BYTES = 11;
var SRV_TARGET_AT = 18;
var answerOffsets = new Int32Array(64);
function copy(record, to, at) {
  const n = record.length;
  if (n > 48) return to.set(record.body, at);
  const from = record.bytes;
  const start = record.at;
  for (let i = 0; i < n; i++) to[at + i] = from[start + i];
}
function encodeResponse(query, pq, rcode, res, limit, udpPayload) {
  const qEnd = pq.questionEnd;
  const optLen = pq.edns ? OPT_BYTES : 0;
  let size = qEnd + optLen;
  let tc = false;
  let answers = 0;
  let authority = 0;
  let additionals = 0;
  if (res) {
    let sections = 0;
    const list = res.answers;
    if (list.length > answerOffsets.length) answerOffsets = new Int32Array(list.length * 2);
    for (let i = 0; i < list.length; i++) {
      answerOffsets[i] = qEnd + sections;
      sections += 2 + list[i].length;
    }
    for (let i = 0; i < res.authority.length; i++) sections += 2 + res.authority[i].length;
    if (size + sections > limit) {
      tc = true;
    } else {
      size += sections;
      answers = res.answers.length;
      authority = res.authority.length;
      for (; additionals < res.additionals.length; additionals++) {
        const at = answerOffsets[res.additionalOwners[additionals]] + SRV_TARGET_AT;
        const owner = at < 16384 ? 2 : res.answers[res.additionalOwners[additionals]].length - 16;
        const len = owner + res.additionals[additionals].length;
        if (size + len > limit) break;
        size += len;
      }
    }
  }
  const out = allocateBytes(size);
  const flags = Flag.QR | pq.opcode << 11 | (res?.authoritative ? Flag.AA : 0) | (tc ? Flag.TC : 0) | pq.flags & (Flag.RD | Flag.CD) | rcode & 15;
  out[0] = pq.id >> 8;
  out[1] = pq.id & 255;
  out[2] = flags >> 8;
  out[3] = flags & 255;
  const arcount = additionals + (pq.edns ? 1 : 0);
  out[5] = qEnd > HEADER_BYTES ? 1 : 0;
  out[6] = answers >> 8;
  out[7] = answers & 255;
  out[9] = authority;
  out[10] = arcount >> 8;
  out[11] = arcount & 255;
  for (let i = HEADER_BYTES; i < qEnd; i++) out[i] = query[i];
  let off = qEnd;
  for (let i = 0; i < answers; i++) {
    const record = res.answers[i];
    out[off] = 192;
    out[off + 1] = HEADER_BYTES;
    copy(record, out, off + 2);
    off += 2 + record.length;
  }
  if (authority > 0) {
    const zoneLabels = res.zone?.labels ?? pq.questionLabels;
    const skip = pq.questionLabels - zoneLabels;
    const at = skip > 0 ? pq.labelOffsets[skip] : HEADER_BYTES;
    for (let i = 0; i < authority; i++) {
      const record = res.authority[i];
      out[off] = 192 | at >> 8;
      out[off + 1] = at & 255;
      copy(record, out, off + 2);
      off += 2 + record.length;
    }
  }
  for (let i = 0; i < additionals; i++) {
    const ownerIndex = res.additionalOwners[i];
    const at = answerOffsets[ownerIndex] + SRV_TARGET_AT;
    if (at < 16384) {
      out[off] = 192 | at >> 8;
      out[off + 1] = at & 255;
      off += 2;
    } else {
      const target = res.answers[ownerIndex].body.subarray(16);
      out.set(target, off);
      off += target.length;
    }
    const record = res.additionals[i];
    copy(record, out, off);
    off += record.length;
  }
  if (pq.edns) {
    out[off + 2] = RRType.OPT;
    out[off + 3] = udpPayload >> 8;
    out[off + 4] = udpPayload & 255;
    out[off + 5] = rcode >> 4;
    out[off + 7] = pq.dnssecOk ? EDNS_DO >> 8 : 0;
  }
  return out;
}
function skipName3(msg, off) {
  for (; ; ) {
    if (off >= msg.length) return -1;
    const len = msg[off];
    if (len === 0) return off + 1;
    if ((len & 192) === 192) return off + 2 <= msg.length ? off + 2 : -1;
    if (len & 192) return -1;
    off += 1 + len;
  }
}
function responseCacheTtl(msg) {
  if (msg.length < HEADER_BYTES) return void 0;
  const qd = msg[4] << 8 | msg[5];
  const an = msg[6] << 8 | msg[7];
  const ns = msg[8] << 8 | msg[9];
  let off = HEADER_BYTES;
  for (let i = 0; i < qd; i++) {
    off = skipName3(msg, off);
    if (off < 0) return void 0;
    off += 4;
  }
  const count2 = an > 0 ? an : ns;
  let min;
  for (let i = 0; i < count2; i++) {
    off = skipName3(msg, off);
    if (off < 0 || off + 10 > msg.length) return void 0;
    const type = msg[off] << 8 | msg[off + 1];
    let ttl = (msg[off + 4] << 24 | msg[off + 5] << 16 | msg[off + 6] << 8 | msg[off + 7]) >>> 0;
    const rdlength = msg[off + 8] << 8 | msg[off + 9];
    if (an === 0 && type === RRType.SOA) {
      const end = off + 10 + rdlength;
      if (end > msg.length || rdlength < 22) return void 0;
      const minimum = (msg[end - 4] << 24 | msg[end - 3] << 16 | msg[end - 2] << 8 | msg[end - 1]) >>> 0;
      if (minimum < ttl) ttl = minimum;
    }
    if (min === void 0 || ttl < min) min = ttl;
    off += 10 + rdlength;
  }
  return min;
}

// src/dns/resolver.ts
var nameFn = (value, fallback) => value === void 0 ? fallback : typeof value === "string" ? () => value : value;
function createResolver(view, options = {}) {
  const naming = {
    nameserver: nameFn(options.nameserver, DEFAULT_ZONE_NAMING.nameserver),
    hostmaster: nameFn(options.hostmaster, DEFAULT_ZONE_NAMING.hostmaster),
    defaultSoaTtl: options.defaultSoaTtl ?? DEFAULT_ZONE_NAMING.defaultSoaTtl
  };
  const cache = new RecordCache(naming);
  const random = options.random ?? Math.random;
  const udpPayload = options.udpPayloadSize ?? DEFAULT_UDP_PAYLOAD;
  const pq = emptyParsedQuery();
  const res = emptyResolution();
  const fullAny = options.anyResponse === "full";
  const ready = options.ready ?? (() => true);
  return {
    view,
    resolve(question) {
      if (!ready()) return { ...emptyResolution(), rcode: Rcode.SERVFAIL };
      return resolveInto(question, view, cache, random, emptyResolution(), fullAny);
    },
    handle(query, ctx) {
      if (!parseQuery(query, pq)) return null;
      const limit = responseSizeLimit(ctx.transport, pq.edns ? pq.ednsUdpSize : void 0, udpPayload);
      if (pq.error !== Rcode.NOERROR) return encodeResponse(query, pq, pq.error, void 0, limit, udpPayload);
      if (!ready()) return encodeResponse(query, pq, Rcode.SERVFAIL, void 0, limit, udpPayload);
      try {
        resolveInto(pq.question, view, cache, random, res, fullAny);
        return encodeResponse(query, pq, res.rcode, res, limit, udpPayload);
      } catch {
        return encodeResponse(query, pq, Rcode.SERVFAIL, void 0, limit, udpPayload);
      }
    }
  };
}

// src/dns/rrl.ts
var RrlAction = { send: 0, drop: 1, slip: 2 };
var PROBES = 8;
var ResponseRateLimiter = class {
  #hasher;
  #key = { a: 0, b: 0 };
  #rates;
  #slip;
  #window;
  #now;
  /** The clock read in this event-loop turn (see `#turnClock`). */
  #turnNow = 0;
  #turnFresh = false;
  #turnEnded = () => {
    this.#turnFresh = false;
  };
  #onLimited;
  #mask;
  #used;
  #keyA;
  #keyB;
  #balance;
  #stamp;
  #limited;
  /** @throws RangeError when a setting is out of range (negative rate, prefix length beyond the family's bits, …) */
  constructor(options) {
    const r = options.responsesPerSecond;
    const { nodataPerSecond = r, nxdomainsPerSecond = r, errorsPerSecond = r, slip = 2, windowSeconds = 15 } = options;
    const { ipv4PrefixLength = 24, ipv6PrefixLength = 56, tableSize = 65536 } = options;
    for (const [name, v] of [["responsesPerSecond", r], ["nodataPerSecond", nodataPerSecond], ["nxdomainsPerSecond", nxdomainsPerSecond], ["errorsPerSecond", errorsPerSecond]]) {
      if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`RRL ${name} must be a number of responses per second from 0, got ${v}`);
    }
    if (!Number.isInteger(slip) || slip < 0 || slip > 10) throw new RangeError(`RRL slip must be a whole number from 0 to 10, got ${slip}`);
    if (!(windowSeconds >= 1 && windowSeconds <= 3600)) throw new RangeError(`RRL window must be from 1 to 3600 seconds, got ${windowSeconds}`);
    if (!Number.isInteger(ipv4PrefixLength) || ipv4PrefixLength < 0 || ipv4PrefixLength > 32) throw new RangeError(`RRL IPv4 prefix length must be 0..32, got ${ipv4PrefixLength}`);
    if (!Number.isInteger(ipv6PrefixLength) || ipv6PrefixLength < 0 || ipv6PrefixLength > 128) throw new RangeError(`RRL IPv6 prefix length must be 0..128, got ${ipv6PrefixLength}`);
    if (!Number.isInteger(tableSize) || tableSize < 1 || tableSize > 1 << 24) throw new RangeError(`RRL table size must be 1..16777216 slots, got ${tableSize}`);
    this.#hasher = new AccountHasher(ipv4PrefixLength, ipv6PrefixLength, options.seed);
    this.#rates = Float64Array.of(r, nodataPerSecond, nxdomainsPerSecond, errorsPerSecond);
    this.#slip = slip;
    this.#window = windowSeconds;
    this.#now = options.now;
    this.#onLimited = options.onLimited;
    let size = PROBES;
    while (size < tableSize) size *= 2;
    this.#mask = size - 1;
    this.#used = new Uint8Array(size);
    this.#keyA = new Uint32Array(size);
    this.#keyB = new Uint32Array(size);
    this.#balance = new Float64Array(size);
    this.#stamp = new Float64Array(size);
    this.#limited = new Uint32Array(size);
  }
  /** Slots in the account table. */
  get tableSize() {
    return this.#mask + 1;
  }
  /**
   * Accounts one UDP response to `source` and says what to do with it.
   * @param source the client's IP literal (`peer.address` of node:dgram)
   * @param response the encoded response
   * @returns `RrlAction.send`, `drop`, or `slip` (send `truncatedResponse(response)` instead)
   */
  check(source, response) {
    const key = this.#key;
    const found = this.#hasher.key(source, response, key);
    if (found < 0) return RrlAction.send;
    const cls = found;
    const rate = this.#rates[cls];
    if (rate === 0) return RrlAction.send;
    const now = this.#now === void 0 ? this.#turnClock() : this.#now();
    const slot = this.#slot(key.a, key.b, now, rate);
    const balance = Math.max(-this.#window * rate, Math.min(rate, this.#balance[slot] + (now - this.#stamp[slot]) * rate / 1e3) - 1);
    this.#balance[slot] = balance;
    this.#stamp[slot] = now;
    if (balance >= 0) return RrlAction.send;
    const n = ++this.#limited[slot];
    const action = this.#slip !== 0 && n % this.#slip === 0 ? RrlAction.slip : RrlAction.drop;
    this.#onLimited?.(action, cls);
    return action;
  }
  /**
   * `performance.now()` read once per event-loop turn: Node hands a socket's
   * waiting datagrams (up to 32) to JavaScript in one turn, and microseconds
   * between them do not matter to a per-second rate. Costs one
   * `setImmediate` per turn instead of a clock read per response.
   */
  #turnClock() {
    if (!this.#turnFresh) {
      this.#turnNow = performance.now();
      this.#turnFresh = true;
      setImmediate(this.#turnEnded);
    }
    return this.#turnNow;
  }
  /** The slot of key (a, b): found, free, or the least recently used of the probed ones (reset to a full bucket). */
  #slot(a, b, now, rate) {
    const mask = this.#mask;
    let victim = -1;
    let oldest = Infinity;
    for (let i = 0, s = a & mask; i < PROBES; i++, s = s + 1 & mask) {
      if (this.#used[s] === 0) {
        victim = s;
        break;
      }
      if (this.#keyA[s] === a && this.#keyB[s] === b) return s;
      if (this.#stamp[s] < oldest) {
        oldest = this.#stamp[s];
        victim = s;
      }
    }
    this.#used[victim] = 1;
    this.#keyA[victim] = a;
    this.#keyB[victim] = b;
    this.#balance[victim] = rate;
    this.#stamp[victim] = now;
    this.#limited[victim] = 0;
    return victim;
  }
};
function truncatedResponse(response) {
  let end = 12;
  let qdcount = 0;
  if ((response[4] << 8 | response[5]) === 1) {
    let off = 12;
    for (; ; ) {
      const len = response[off];
      if (len === void 0 || len > 63) break;
      off += 1 + len;
      if (len === 0) {
        if (off + 4 <= response.length) end = off + 4, qdcount = 1;
        break;
      }
    }
  }
  const out = allocateBytes(end);
  out.set(response.subarray(0, end));
  out[2] = out[2] | 2;
  out[4] = 0;
  out[5] = qdcount;
  out.fill(0, 6, 12);
  return out;
}

// src/api/metrics.ts
var import_prom_client2 = __toESM(require_prom_client(), 1);
function registerApiMetrics(registry) {
  const requests = new import_prom_client2.Counter({
    name: metricName("api", "requests_total"),
    help: "Cloud Map API requests, by operation and outcome code (OK or the AWS error code).",
    labelNames: ["operation", "code"],
    registers: [registry]
  });
  const duration = new import_prom_client2.Histogram({
    name: metricName("api", "request_duration_seconds"),
    help: "Time to answer a Cloud Map API request, by operation (writes include the wait for this replica's DNS view).",
    labelNames: ["operation"],
    buckets: exponentialBuckets(25e-5, 2, 16),
    registers: [registry]
  });
  return (r) => {
    const operation = r.operation ?? "unknown";
    requests.inc({ operation, code: r.errorCode ?? "OK" });
    duration.observe({ operation }, r.ms / 1e3);
  };
}

// src/health/metrics.ts
var import_prom_client3 = __toESM(require_prom_client(), 1);
function registerHealthMetrics(registry) {
  const checks = new import_prom_client3.Counter({ name: metricName("health", "checks_total"), help: "Health checks run by this replica, by outcome.", labelNames: ["outcome"], registers: [registry] });
  const duration = new import_prom_client3.Histogram({
    name: metricName("health", "check_duration_seconds"),
    help: "Time from the start of a health check to its outcome, by outcome.",
    labelNames: ["outcome"],
    buckets: exponentialBuckets(5e-4, 2, 16),
    registers: [registry]
  });
  const lag = new import_prom_client3.Histogram({
    name: metricName("health", "check_lag_seconds"),
    help: "How late health checks start against their schedule.",
    buckets: exponentialBuckets(1e-3, 2, 16),
    registers: [registry]
  });
  const transitions = new import_prom_client3.Counter({ name: metricName("health", "transitions_total"), help: "Health statuses written by the checker, by new status.", labelNames: ["to"], registers: [registry] });
  const writeFailures = new import_prom_client3.Counter({ name: metricName("health", "write_failures_total"), help: "Health status changes that could not be written (retried after the next check).", registers: [registry] });
  const held = new import_prom_client3.Gauge({ name: metricName("health", "shards_held"), help: "Lease shards of instances this replica checks.", registers: [registry] });
  const total = new import_prom_client3.Gauge({ name: metricName("health", "shards"), help: "Lease shards the checked instances are split into.", registers: [registry] });
  return {
    checked: (r) => {
      checks.inc({ outcome: r.outcome });
      duration.observe({ outcome: r.outcome }, r.latencyMs / 1e3);
      lag.observe(Math.max(0, r.lagMs) / 1e3);
    },
    transitioned: (t) => transitions.inc({ to: t.to }),
    writeFailed: () => writeFailures.inc(),
    shardsChanged: (h, t) => {
      held.set(h);
      total.set(t);
    }
  };
}

// src/reconcile/metrics.ts
var import_prom_client4 = __toESM(require_prom_client(), 1);
function registerReconcileMetrics(registry, now = Date.now) {
  const passes = new import_prom_client4.Counter({ name: metricName("reconcile", "passes_total"), help: "Reconcile passes run by this replica, by result (ok, failed).", labelNames: ["result"], registers: [registry] });
  const duration = new import_prom_client4.Histogram({
    name: metricName("reconcile", "pass_duration_seconds"),
    help: "Time of one reconcile pass over every target.",
    buckets: exponentialBuckets(1e-3, 2, 16),
    registers: [registry]
  });
  const changes = new import_prom_client4.Counter({ name: metricName("reconcile", "changes_total"), help: "Creates, updates and deletes planned by each reconcile target (made unless in dry-run mode).", labelNames: ["target"], registers: [registry] });
  const conflicts = new import_prom_client4.Gauge({ name: metricName("reconcile", "conflicts"), help: "Items each target left alone in its last pass because someone else owns them.", labelNames: ["target"], registers: [registry] });
  const errors2 = new import_prom_client4.Counter({
    name: metricName("reconcile", "errors_total"),
    help: "Reconcile errors, by target and kind (target: the target failed; object: objects refused; state: Cloud Map state unreadable).",
    labelNames: ["target", "kind"],
    registers: [registry]
  });
  const lastSuccess = new import_prom_client4.Gauge({
    name: metricName("reconcile", "last_success_timestamp_seconds"),
    help: "Unix time at the end of the last pass in which the target ran without failure.",
    labelNames: ["target"],
    registers: [registry]
  });
  const leader = new import_prom_client4.Gauge({ name: metricName("reconcile", "leader"), help: "1 while this replica leads the reconcile loop, else 0.", registers: [registry] });
  return {
    passed: (results, ms, stateError) => {
      duration.observe(ms / 1e3);
      let failed = stateError !== void 0;
      if (stateError) errors2.inc({ target: "", kind: "state" });
      for (const r of results) {
        if (r.error) {
          failed = true;
          errors2.inc({ target: r.target, kind: "target" });
          continue;
        }
        const report = r.report;
        changes.inc({ target: r.target }, report.changes);
        conflicts.set({ target: r.target }, report.conflicts);
        if (report.failures > 0) {
          failed = true;
          errors2.inc({ target: r.target, kind: "object" }, report.failures);
        } else {
          lastSuccess.set({ target: r.target }, now() / 1e3);
        }
      }
      passes.inc({ result: failed ? "failed" : "ok" });
    },
    leadership: (leading) => leader.set(leading ? 1 : 0)
  };
}

// src/store/redis/metrics.ts
var import_prom_client5 = __toESM(require_prom_client(), 1);
function registerRedisMetrics(registry, probe) {
  const revision = new import_prom_client5.Gauge({
    name: metricName("redis", "revision"),
    help: "Latest store revision in Redis (head of the change stream), as last read; see cloudmap_dns_view_revision for the follower's position.",
    registers: [registry]
  });
  const duration = new import_prom_client5.Gauge({
    name: metricName("redis", "read_duration_seconds"),
    help: "Round trip of the last read of the revision key (the readiness and scrape probe), in seconds.",
    registers: [registry]
  });
  new import_prom_client5.Gauge({
    name: metricName("redis", "connected"),
    help: "1 when Redis answered the last read within the probe timeout (1 s), else 0.",
    registers: [registry],
    async collect() {
      const check2 = await probe.check();
      this.set(check2.ok ? 1 : 0);
      if (check2.ok) revision.set(check2.revision);
      duration.set(check2.ms / 1e3);
    }
  });
}

// src/view/metrics.ts
var import_prom_client6 = __toESM(require_prom_client(), 1);
var GAP_KEYS = new Map(Object.entries(GAP_REASONS).map(([key, text2]) => [text2, key]));
function registerViewMetrics(registry, follower, probe, now = Date.now) {
  const view = follower.view;
  new import_prom_client6.Gauge({
    name: metricName("view", "revision"),
    help: "Store revision the DNS view has applied (the follower's position in the change stream).",
    registers: [registry],
    collect() {
      this.set(view.revision);
    }
  });
  new import_prom_client6.Gauge({
    name: metricName("view", "revision_lag"),
    help: "Revisions the DNS view is behind the state store's latest, read at scrape time; NaN while the store cannot be read.",
    registers: [registry],
    async collect() {
      const check2 = await probe.check();
      this.set(check2.ok ? Math.max(0, check2.revision - view.revision) : Number.NaN);
    }
  });
  new import_prom_client6.Gauge({
    name: metricName("view", "objects"),
    help: "Objects held by the DNS view, by kind (namespaces, services, instances, zones).",
    labelNames: ["kind"],
    registers: [registry],
    collect() {
      let instances = 0;
      for (const s of view.services.values()) instances += s.instances.size;
      this.set({ kind: "namespaces" }, view.namespaces.size);
      this.set({ kind: "services" }, view.services.size);
      this.set({ kind: "instances" }, instances);
      this.set({ kind: "zones" }, view.zones.size);
    }
  });
  const programming = new import_prom_client6.Histogram({
    name: metricName("view", "programming_duration_seconds"),
    help: "Time from an instance change being written (its updateDate) to this replica's DNS view applying it, by event type.",
    labelNames: ["event"],
    buckets: exponentialBuckets(5e-4, 2, 16),
    registers: [registry]
  });
  const events = new import_prom_client6.Counter({ name: metricName("view", "events_total"), help: "Change events applied to the DNS view, by type.", labelNames: ["type"], registers: [registry] });
  const loads = new import_prom_client6.Counter({ name: metricName("view", "loads_total"), help: "Full loads of the DNS view from a snapshot (start, reloads after a gap or an unconfirmed write).", registers: [registry] });
  const gaps = new import_prom_client6.Counter({ name: metricName("view", "gaps_total"), help: "Change feed gaps that made the DNS view reload, by reason (trimmed, lost, epoch, undecodable, other).", labelNames: ["reason"], registers: [registry] });
  const feedErrors = new import_prom_client6.Counter({ name: metricName("view", "feed_errors_total"), help: "Change feed failures (the follower retries and DNS answers from the last view).", registers: [registry] });
  const listener = {
    loaded: () => loads.inc(),
    applied: (applied) => {
      const at = now();
      for (const e of applied) {
        events.inc({ type: e.type });
        if (e.type === "InstanceUpserted") programming.observe({ event: e.type }, Math.max(0, at - e.instance.updateDate) / 1e3);
        else if (e.type === "InstanceHealthChanged") programming.observe({ event: e.type }, Math.max(0, at - e.updateDate) / 1e3);
      }
    },
    gap: (reason) => gaps.inc({ reason: (reason && GAP_KEYS.get(reason)) ?? "other" }),
    feedError: () => feedErrors.inc()
  };
  return follower.addListener(listener);
}

// src/metrics/server-metrics.ts
function createServerMetrics(o) {
  const registry = createRegistry(o);
  const dns = new DnsMetrics(registry);
  const stopView = registerViewMetrics(registry, o.follower, o.probe);
  if (o.store.kind === "redis") registerRedisMetrics(registry, o.probe);
  const onApiRequest = registerApiMetrics(registry);
  let health;
  let reconcile;
  return {
    registry,
    dns,
    onApiRequest,
    health: () => health ??= registerHealthMetrics(registry),
    reconcile: () => reconcile ??= registerReconcileMetrics(registry),
    close: stopView
  };
}

// src/readiness.ts
var StateProbe = class {
  #store;
  #timeoutMs;
  #maxAgeMs;
  #last;
  constructor(store, options = {}) {
    this.#store = store;
    this.#timeoutMs = options.timeoutMs ?? 1e3;
    this.#maxAgeMs = options.maxAgeMs ?? 1e3;
  }
  /** The latest check, reading the store again when the last one is older than `maxAgeMs`. Never rejects. */
  check() {
    const now = Date.now();
    if (this.#last && now - this.#last.at < this.#maxAgeMs) return this.#last.result;
    const result = this.#read();
    this.#last = { at: now, result };
    return result;
  }
  async #read() {
    const started = performance.now();
    let timer;
    try {
      const revision = await Promise.race([
        this.#store.revision(),
        new Promise((_, reject) => timer = setTimeout(() => reject(new Error(`no answer within ${this.#timeoutMs} ms`)), this.#timeoutMs))
      ]);
      return { ok: true, revision, ms: performance.now() - started };
    } catch (error) {
      return { ok: false, error: error.message, ms: performance.now() - started };
    } finally {
      clearTimeout(timer);
    }
  }
};
async function readyz(sources, search) {
  const params = new URLSearchParams(search);
  const excluded = new Set(params.getAll("exclude"));
  const lines = [];
  let ready = true;
  const add = (name, failure) => {
    if (excluded.has(name)) {
      lines.push(`[+]${name} excluded: ok`);
      return;
    }
    if (failure !== void 0) ready = false;
    lines.push(failure === void 0 ? `[+]${name} ok` : `[-]${name} failed: ${failure}`);
  };
  add("view", sources.viewLoaded() ? void 0 : "the DNS view has not been loaded from the state store yet");
  if (sources.storeKind === "redis" && !excluded.has("redis")) {
    const check2 = await sources.probe.check();
    add("redis", check2.ok ? void 0 : `Redis does not answer: ${check2.error}`);
  } else if (sources.storeKind === "redis") {
    add("redis", void 0);
  }
  const headers = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };
  if (ready && !params.has("verbose")) return new Response("ok\n", { status: 200, headers });
  lines.push(ready ? "readyz check passed" : "readyz check failed");
  return new Response(`${lines.join("\n")}
`, { status: ready ? 200 : 503, headers });
}

// src/health/target.ts
var DEFAULT_FAILURE_THRESHOLD = 3;
var HEALTH_SHARDS = 32;
function checkTarget(service, instance) {
  const hc = service.healthCheckConfig;
  if (!hc || service.healthCheckCustom === true) return void 0;
  const a = instance.attributes;
  if (a[ReservedAttributes.ALIAS_DNS_NAME]) return void 0;
  const threshold = hc.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
  const path = hc.type === "TCP" ? "" : hc.resourcePath ? hc.resourcePath.startsWith("/") ? hc.resourcePath : `/${hc.resourcePath}` : "/";
  const host = a[ReservedAttributes.IPV4] || a[ReservedAttributes.IPV6] || "";
  const rawPort = a[ReservedAttributes.PORT];
  const port = rawPort ? Number(rawPort) : hc.type === "HTTP" ? 80 : hc.type === "HTTPS" ? 443 : 0;
  const shown = host.includes(":") ? `[${host}]` : host || "(no address)";
  const url = `${hc.type.toLowerCase()}://${shown}:${port}${path}`;
  const target = { type: hc.type, host, port, path, threshold, url };
  if (!host) target.problem = `instance has no ${ReservedAttributes.IPV4} or ${ReservedAttributes.IPV6} attribute to check`;
  else if (!(port > 0 && port <= 65535)) target.problem = `instance has no usable ${ReservedAttributes.PORT} for a ${hc.type} check`;
  return target;
}
function sameTarget(a, b) {
  return a.url === b.url && a.threshold === b.threshold && a.problem === b.problem;
}
function shardOf(serviceId, instanceId, shards = HEALTH_SHARDS) {
  let h = 2166136261;
  const text2 = `${serviceId}
${instanceId}`;
  for (let i = 0; i < text2.length; i++) {
    h ^= text2.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) % shards;
}

// src/dns/json.ts
var import_dns_packet = __toESM(require_dns_packet(), 1);
var PacketBuffer = import_dns_packet.default.encode({ type: "query", questions: [] }).constructor;
function asPacketBuffer(bytes) {
  return bytes instanceof PacketBuffer ? bytes : PacketBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
var numberOfName = /* @__PURE__ */ new Map();
var nameOfNumber = /* @__PURE__ */ new Map();
function typeName(type) {
  let name = nameOfNumber.get(type);
  if (name === void 0) {
    const q = new Uint8Array([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, type >> 8, type & 255, 0, 1]);
    name = import_dns_packet.default.decode(asPacketBuffer(q)).questions[0].type;
    nameOfNumber.set(type, name);
  }
  return name;
}
function typeNumber2(name) {
  let type = numberOfName.get(name);
  if (type === void 0) {
    const q = import_dns_packet.default.encode({ type: "query", questions: [{ name: ".", type: name }] });
    type = q[13] << 8 | q[14];
    numberOfName.set(name, type);
  }
  return type;
}
function parseQueryType(value) {
  if (/^\d{1,5}$/.test(value)) {
    const n2 = Number(value);
    return n2 >= 1 && n2 <= 65535 ? n2 : void 0;
  }
  const upper = value.toUpperCase();
  const generic = /^TYPE(\d{1,5})$/.exec(upper);
  if (generic) return parseQueryType(generic[1]);
  if (!/^[A-Z][A-Z0-9]*$/.test(upper) || upper.startsWith("UNKNOWN")) return void 0;
  const n = typeNumber2(upper);
  return n > 0 ? n : void 0;
}
function buildQuery(name, type, options = {}) {
  if (!isEncodableName(name) || /^\.|\.\./.test(name)) throw new RangeError(`invalid DNS name: ${JSON.stringify(name)}`);
  const packet = import_dns_packet.default.encode({
    type: "query",
    id: options.id ?? 0,
    flags: import_dns_packet.default.RECURSION_DESIRED | (options.cd ? import_dns_packet.default.CHECKING_DISABLED : 0),
    questions: [{ name: name === "" ? "." : name, type: typeName(type), class: "IN" }],
    additionals: options.dnssecOk ? [{ type: "OPT", name: ".", udpPayloadSize: 1232, flags: import_dns_packet.default.DNSSEC_OK }] : []
  });
  return new Uint8Array(packet);
}
var fqdn = (name) => name === "." || name === "" ? "." : name.endsWith(".") ? name : `${name}.`;
function rdataText(rr) {
  const data = rr.data;
  switch (rr.type) {
    case "A":
    case "AAAA":
      return String(data);
    case "CNAME":
    case "NS":
    case "PTR":
      return fqdn(String(data));
    case "SRV": {
      const d = data;
      return `${d.priority ?? 0} ${d.weight ?? 0} ${d.port} ${fqdn(d.target)}`;
    }
    case "SOA": {
      const d = data;
      return `${fqdn(d.mname)} ${fqdn(d.rname)} ${d.serial} ${d.refresh} ${d.retry} ${d.expire} ${d.minimum}`;
    }
    default:
      return data instanceof Uint8Array ? `\\# ${data.length} ${[...data].map((b) => b.toString(16).padStart(2, "0")).join("")}` : String(data);
  }
}
function records(list) {
  const out = [];
  for (const rr of list ?? []) {
    if (rr.type === "OPT") continue;
    out.push({ name: fqdn(rr.name), type: typeNumber2(rr.type), TTL: rr.ttl ?? 0, data: rdataText(rr) });
  }
  return out;
}
function responseToJson(response) {
  const msg = import_dns_packet.default.decode(asPacketBuffer(response));
  const flags = msg.flags ?? 0;
  const json2 = {
    Status: flags & 15,
    TC: (flags & Flag.TC) !== 0,
    RD: (flags & Flag.RD) !== 0,
    RA: (flags & Flag.RA) !== 0,
    AD: (flags & Flag.AD) !== 0,
    CD: (flags & Flag.CD) !== 0,
    Question: (msg.questions ?? []).map((q) => ({ name: fqdn(q.name), type: typeNumber2(q.type) }))
  };
  const opt = (msg.additionals ?? []).find((rr) => rr.type === "OPT");
  if (opt?.extendedRcode) json2.Status |= opt.extendedRcode << 4;
  const answer2 = records(msg.answers);
  const authority = records(msg.authorities);
  const additional = records(msg.additionals);
  if (answer2.length) json2.Answer = answer2;
  if (authority.length) json2.Authority = authority;
  if (additional.length) json2.Additional = additional;
  return json2;
}

// src/transport/doh-core.ts
var DNS_MESSAGE = "application/dns-message";
var DNS_JSON = "application/dns-json";
var DOH_MAX_MESSAGE = 65535;
function decodeBase64Url(text2) {
  if (!/^[A-Za-z0-9_-]*$/.test(text2) || text2.length % 4 === 1) return void 0;
  const b64 = text2.replace(/-/g, "+").replace(/_/g, "/") + "==".slice(0, (4 - text2.length % 4) % 4);
  let binary;
  try {
    binary = atob(b64);
  } catch {
    return void 0;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
var utf8 = new TextEncoder();
function withLength(status, contentType2, text2, headers = {}) {
  const body = utf8.encode(text2);
  return { status, headers: { "content-type": contentType2, ...headers, "content-length": String(body.length) }, body };
}
var text = (status, message, headers = {}) => withLength(status, "text/plain; charset=utf-8", `${message}
`, headers);
var wantsJson = (accept) => accept !== void 0 && accept.toLowerCase().includes(DNS_JSON);
function answer(response, json2) {
  const cache = `max-age=${responseCacheTtl(response) ?? 0}`;
  if (json2) return withLength(200, DNS_JSON, JSON.stringify(responseToJson(response)), { "cache-control": cache });
  return { status: 200, headers: { "cache-control": cache, "content-type": DNS_MESSAGE, "content-length": String(response.length) }, body: response };
}
function run2(resolver, query, json2) {
  const response = resolver.handle(query, { transport: "doh" });
  if (!response) return text(400, "not a DNS query");
  return answer(response, json2);
}
var flag = (v) => v !== null && v !== "0" && v.toLowerCase() !== "false";
function dnsParam(search) {
  if (search.startsWith("dns=") && !search.includes("&") && !search.includes("%")) return search.slice(4);
  return void 0;
}
function answerDoh(resolver, req) {
  const method = req.method;
  if (method === "GET" || method === "HEAD") {
    let dns = dnsParam(req.search);
    const params = dns === void 0 ? new URLSearchParams(req.search) : void 0;
    if (params) dns = params.get("dns");
    if (dns !== null && dns !== void 0) {
      const query2 = decodeBase64Url(dns);
      if (!query2 || query2.length === 0) return text(400, "dns parameter must be base64url without padding");
      return run2(resolver, query2, wantsJson(req.accept));
    }
    const name = params.get("name");
    if (name === null) return text(400, "missing dns (or name) parameter");
    const type = parseQueryType(params.get("type") ?? "A");
    if (type === void 0) return text(400, "invalid type parameter");
    let query;
    try {
      query = buildQuery(name, type, { cd: flag(params.get("cd")), dnssecOk: flag(params.get("do")) });
    } catch {
      return text(400, "invalid name parameter");
    }
    return run2(resolver, query, params.get("ct") !== DNS_MESSAGE);
  }
  if (method === "POST") {
    const contentType2 = (req.contentType ?? "").split(";")[0].trim().toLowerCase();
    if (contentType2 !== DNS_MESSAGE) return text(415, `content-type must be ${DNS_MESSAGE}`);
    if (req.body === "too-large") return text(413, `DNS message over ${DOH_MAX_MESSAGE} bytes`);
    return run2(resolver, req.body ?? new Uint8Array(0), wantsJson(req.accept));
  }
  return text(405, "method not allowed", { allow: "GET, HEAD, POST" });
}

// src/transport/doh.ts
async function readBody2(body, max) {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks = [];
  let size = 0;
  for (; ; ) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel().catch(() => {
      });
      return "too-large";
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}
function dohRoutes(resolver, options = {}) {
  const path = options.path ?? "/dns-query";
  const app = new Hono3();
  app.all(path, async (c) => {
    const raw2 = c.req.raw;
    const url = raw2.url;
    const q = url.indexOf("?");
    const req = {
      method: raw2.method,
      search: q < 0 ? "" : url.slice(q + 1),
      contentType: raw2.headers.get("content-type") ?? void 0,
      accept: raw2.headers.get("accept") ?? void 0
    };
    if (req.method === "POST" && (req.contentType ?? "").split(";")[0].trim().toLowerCase() === "application/dns-message") {
      const declared = raw2.headers.get("content-length");
      if (declared !== null && Number(declared) > DOH_MAX_MESSAGE) req.body = "too-large";
      else {
        try {
          req.body = await readBody2(raw2.body, DOH_MAX_MESSAGE);
        } catch {
          return new Response("could not read the request body\n", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
        }
      }
    }
    const res = answerDoh(resolver, req);
    return new Response(req.method === "HEAD" ? null : res.body, { status: res.status, headers: res.headers });
  });
  return app;
}

// src/health/heap.ts
var MinHeap = class {
  #items = [];
  get size() {
    return this.#items.length;
  }
  /** The entry due first, without removing it. */
  peek() {
    return this.#items[0];
  }
  push(item) {
    const a = this.#items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = i - 1 >> 1;
      if (a[parent].due <= item.due) break;
      a[i] = a[parent];
      i = parent;
    }
    a[i] = item;
  }
  /** Removes and returns the entry due first. */
  pop() {
    const a = this.#items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === void 0) return top;
    let i = 0;
    for (; ; ) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const child = r < a.length && a[r].due < a[l].due ? r : l;
      if (a[child].due >= last.due) break;
      a[i] = a[child];
      i = child;
    }
    a[i] = last;
    return top;
  }
  clear() {
    this.#items.length = 0;
  }
};

// src/health/thresholds.ts
function countOutcome(counters, status, ok, threshold) {
  if (ok) {
    counters.successes++;
    counters.failures = 0;
    return counters.successes >= threshold && status !== "HEALTHY" ? "HEALTHY" : void 0;
  }
  counters.failures++;
  counters.successes = 0;
  return counters.failures >= threshold && status !== "UNHEALTHY" ? "UNHEALTHY" : void 0;
}

// src/health/tracker.ts
var Tracker = class {
  constructor(hooks, shards) {
    this.hooks = hooks;
    this.shards = shards;
  }
  hooks;
  shards;
  /** serviceId → instanceId → tracked instance. */
  services = /* @__PURE__ */ new Map();
  #count = 0;
  /** Number of tracked instances. */
  get size() {
    return this.#count;
  }
  get(serviceId, instanceId) {
    return this.services.get(serviceId)?.get(instanceId);
  }
  /** Every tracked instance. */
  *all() {
    for (const m of this.services.values()) yield* m.values();
  }
  /** Brings everything in line with `view` (after a load); counters of unchanged targets stay. */
  sync(view) {
    const seen = /* @__PURE__ */ new Set();
    for (const entry of view.services.values()) {
      for (const inst of entry.instances.values()) {
        const t = this.#upsert(entry.service, inst, false);
        if (t) seen.add(t);
      }
    }
    for (const t of [...this.all()]) if (!seen.has(t)) this.#remove(t, view.services.has(t.serviceId) ? "not-checked" : "deregistered");
  }
  /** Applies a batch of change events that `view` has already applied. */
  apply(events, view) {
    for (const e of events) {
      switch (e.type) {
        case "ServiceUpserted": {
          const entry = view.services.get(e.service.id);
          if (!entry) break;
          for (const inst of entry.instances.values()) this.#upsert(entry.service, inst, false);
          for (const t of [...this.services.get(e.service.id)?.values() ?? []]) {
            if (!entry.instances.has(t.instanceId)) this.#remove(t, "deregistered");
          }
          break;
        }
        case "ServiceDeleted":
          for (const t of [...this.services.get(e.serviceId)?.values() ?? []]) this.#remove(t, "deregistered");
          break;
        case "InstanceUpserted": {
          const entry = view.services.get(e.instance.serviceId);
          if (entry) this.#upsert(entry.service, e.instance, true);
          break;
        }
        case "InstanceDeleted": {
          const t = this.get(e.serviceId, e.instanceId);
          if (t) this.#remove(t, "deregistered");
          break;
        }
        case "InstanceHealthChanged": {
          const t = this.get(e.serviceId, e.instanceId);
          if (t) t.status = e.healthStatus;
          break;
        }
        default:
          break;
      }
    }
  }
  /** Adds, updates or (when it gets no check) removes one instance. */
  #upsert(service, instance, registered) {
    const target = checkTarget(service, instance);
    const existing = this.get(service.id, instance.id);
    if (!target) {
      if (existing) this.#remove(existing, "not-checked");
      return void 0;
    }
    if (existing) {
      existing.status = instance.healthStatus;
      if (registered || !sameTarget(existing.target, target)) {
        existing.target = target;
        existing.successes = existing.failures = 0;
        existing.generation++;
        this.hooks.onChanged(existing);
      }
      return existing;
    }
    const t = {
      serviceId: service.id,
      instanceId: instance.id,
      shard: shardOf(service.id, instance.id, this.shards),
      target,
      status: instance.healthStatus,
      successes: 0,
      failures: 0,
      generation: 0,
      scheduled: false,
      running: false,
      writing: false,
      removed: false
    };
    let m = this.services.get(service.id);
    if (!m) this.services.set(service.id, m = /* @__PURE__ */ new Map());
    m.set(instance.id, t);
    this.#count++;
    this.hooks.onAdded(t);
    return t;
  }
  #remove(t, reason) {
    const m = this.services.get(t.serviceId);
    if (!m?.delete(t.instanceId)) return;
    if (m.size === 0) this.services.delete(t.serviceId);
    this.#count--;
    t.removed = true;
    t.generation++;
    this.hooks.onRemoved(t, reason);
  }
};

// src/health/writer.ts
async function writeStatus(d, t, to, reason) {
  t.writing = true;
  const from = t.status;
  const fields = { serviceId: t.serviceId, instanceId: t.instanceId };
  try {
    if (!d.holds(t.shard)) return;
    const result = await setInstanceHealth(d.ops, { ...fields, status: to, reason, ifExists: true });
    if (result.outcome !== "changed") return;
    const name = d.serviceName(t.serviceId);
    d.logger.info(
      { ...fields, service: name, from, to, reason, target: t.target.url },
      `instance ${t.instanceId} of service ${name ?? t.serviceId}: ${from} \u2192 ${to} (${reason})`
    );
    d.observer?.transitioned?.({ ...fields, from, to, reason, time: Date.now() });
  } catch (error) {
    const message = error.message;
    d.logger.warn({ ...fields, to, err: message }, "could not write a health status change; retrying after the next check");
    d.observer?.writeFailed?.({ ...fields, to, error: message });
  } finally {
    t.writing = false;
  }
}

// src/health/checker.ts
var ALL_SHARDS = { holds: () => true };
var HealthChecker = class {
  tracker;
  #o;
  #heap = new MinHeap();
  #writes = /* @__PURE__ */ new Set();
  #last = /* @__PURE__ */ new Map();
  #timer;
  #timerDue = Infinity;
  #running = 0;
  #stopped = false;
  #hadTargets = false;
  #view;
  #holdsAny = false;
  #writer;
  constructor(options) {
    this.#o = {
      ownership: ALL_SHARDS,
      intervalMs: 3e4,
      concurrency: 64,
      shards: HEALTH_SHARDS,
      checkedBy: "local",
      logger: silentLogger,
      random: Math.random,
      ...options
    };
    this.#writer = {
      ops: this.#o.ops,
      holds: (shard) => this.#o.ownership.holds(shard),
      logger: this.#o.logger,
      observer: this.#o.observer,
      serviceName: (id) => this.#view?.services.get(id)?.service.name
    };
    this.tracker = new Tracker({
      onAdded: (t) => this.#schedule(t),
      onChanged: (t) => {
        t.scheduled = false;
        this.#last.delete(t);
        this.#schedule(t);
      },
      onRemoved: (t, reason) => {
        t.scheduled = false;
        if (this.#last.delete(t)) this.#o.observer?.forgotten?.(t.serviceId, t.instanceId, reason);
      }
    }, this.#o.shards);
  }
  /** Checks in flight now. */
  get running() {
    return this.#running;
  }
  /** Takes every target from `view` (after a load or at start). */
  loaded(view) {
    this.#view = view;
    this.#guard(() => this.tracker.sync(view));
  }
  /** Follows a batch of change events the view has applied. */
  applied(events, view) {
    this.#view = view;
    this.#guard(() => this.tracker.apply(events, view));
  }
  /**
   * The shards this replica holds changed: schedule what it now holds, drop
   * what it lost. The first shards a replica gets spread their first checks
   * over a whole interval; shards taken over later (from a replica that
   * died or left) over half of one, so a takeover completes within
   * `lease TTL + renew period + interval / 2`.
   */
  ownershipChanged() {
    const spread = this.#holdsAny ? this.#o.intervalMs / 2 : this.#o.intervalMs;
    for (const t of this.tracker.all()) {
      const holds = this.#o.ownership.holds(t.shard);
      if (holds) this.#holdsAny = true;
      if (holds && !t.scheduled) this.#schedule(t, spread);
      else if (!holds && t.scheduled) {
        t.scheduled = false;
        t.generation++;
        if (this.#last.delete(t)) this.#o.observer?.forgotten?.(t.serviceId, t.instanceId, "shard-moved");
      }
    }
    this.#arm();
  }
  /** The last check of each instance this replica checks (what `cloudmap-dns inspect` shows with memory state). */
  lastChecks(serviceId) {
    return [...this.#last.values()].filter((r) => serviceId === void 0 || r.serviceId === serviceId);
  }
  /** Stops scheduling; waits (at most `waitMs`) for status writes in flight. Checks in flight are abandoned. */
  async stop(waitMs = 2e3) {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#heap.clear();
    let timer;
    await Promise.race([Promise.allSettled([...this.#writes]), new Promise((r) => timer = setTimeout(r, waitMs))]);
    clearTimeout(timer);
  }
  #guard(update) {
    try {
      update();
    } catch (error) {
      this.#o.logger.error({ err: error.message, stack: error.stack }, "health checker could not follow a view change");
    }
    const has = this.tracker.size > 0;
    if (has !== this.#hadTargets) {
      this.#hadTargets = has;
      this.#o.onDemand?.(this.tracker.size);
    }
    this.#arm();
  }
  /** Schedules the first check of `t` at a random point of the next `spreadMs` (default: one interval), if its shard is held. */
  #schedule(t, spreadMs = this.#o.intervalMs) {
    if (this.#stopped || t.removed || t.scheduled || !this.#o.ownership.holds(t.shard)) return;
    t.scheduled = true;
    t.generation++;
    this.#heap.push({ due: performance.now() + this.#o.random() * spreadMs, t, generation: t.generation });
  }
  /** Starts every due check that fits under the concurrency limit, then sets the timer for the next one. */
  #pump() {
    if (this.#stopped) return;
    const now = performance.now();
    while (this.#running < this.#o.concurrency) {
      const slot = this.#heap.peek();
      if (!slot) break;
      if (slot.generation !== slot.t.generation || !slot.t.scheduled) {
        this.#heap.pop();
        continue;
      }
      if (slot.due > now) break;
      this.#heap.pop();
      void this.#check(slot, now);
    }
    this.#arm();
  }
  #arm() {
    if (this.#stopped) return;
    const next = this.#running < this.#o.concurrency ? this.#heap.peek()?.due ?? Infinity : Infinity;
    if (next === this.#timerDue) return;
    clearTimeout(this.#timer);
    this.#timerDue = next;
    if (next !== Infinity) {
      this.#timer = setTimeout(() => {
        this.#timerDue = Infinity;
        this.#pump();
      }, Math.max(0, next - performance.now()));
    }
  }
  async #check(slot, startedAt) {
    const { t, generation } = slot;
    this.#running++;
    t.running = true;
    const time = Date.now();
    const result = await this.#o.probe(t.target);
    this.#running--;
    t.running = false;
    if (this.#stopped) return;
    if (t.generation === generation && this.#o.ownership.holds(t.shard)) {
      const to = countOutcome(t, t.status, result.ok, t.target.threshold);
      const report = {
        serviceId: t.serviceId,
        instanceId: t.instanceId,
        target: t.target.url,
        time,
        outcome: result.ok ? "success" : "failure",
        latencyMs: Math.round(result.latencyMs * 1e3) / 1e3,
        detail: result.detail,
        lagMs: Math.round((startedAt - slot.due) * 1e3) / 1e3,
        consecutiveSuccesses: t.successes,
        consecutiveFailures: t.failures,
        checkedBy: this.#o.checkedBy
      };
      this.#last.set(t, report);
      this.#o.observer?.checked?.(report);
      if (to && !t.writing) {
        const n = result.ok ? t.successes : t.failures;
        const what = result.ok ? n === 1 ? "success" : "successes" : n === 1 ? "failure" : "failures";
        const reason = `${n} consecutive ${what}, last: ${result.detail} from ${t.target.url}`;
        this.#track(writeStatus(this.#writer, t, to, reason));
      }
      slot.due = Math.max(slot.due + this.#o.intervalMs, performance.now());
      this.#heap.push(slot);
    } else if (t.generation === generation) {
      t.scheduled = false;
      t.generation++;
    }
    this.#pump();
  }
  #track(write) {
    this.#writes.add(write);
    void write.finally(() => this.#writes.delete(write));
  }
};

// src/health/observer.ts
function observers(...list) {
  const all = list.filter((o) => o !== void 0);
  return {
    checked: (r) => all.forEach((o) => o.checked?.(r)),
    transitioned: (t) => all.forEach((o) => o.transitioned?.(t)),
    writeFailed: (f) => all.forEach((o) => o.writeFailed?.(f)),
    forgotten: (s, i, why) => all.forEach((o) => o.forgotten?.(s, i, why)),
    shardsChanged: (h, t) => all.forEach((o) => o.shardsChanged?.(h, t))
  };
}

// src/health/probe.ts
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { connect } from "node:net";
var ROUTE53_TIMEOUTS = { connectMs: 4e3, responseMs: 2e3, tcpConnectMs: 1e4 };
var USER_AGENT = "cloudmap-dns-health-check";
function createProbe(timeouts = ROUTE53_TIMEOUTS) {
  return (target) => {
    if (target.problem) return Promise.resolve({ ok: false, latencyMs: 0, detail: target.problem });
    return target.type === "TCP" ? tcpProbe(target, timeouts) : httpProbe(target, timeouts);
  };
}
var seconds = (ms) => `${ms / 1e3} s`;
function describeError(error) {
  const known = {
    ECONNREFUSED: "connection refused",
    ECONNRESET: "connection reset",
    EHOSTUNREACH: "host unreachable",
    ENETUNREACH: "network unreachable",
    EPIPE: "connection closed",
    ETIMEDOUT: "timed out"
  };
  if (error.code && known[error.code]) return `${known[error.code]} (${error.code})`;
  return error.code ? `${error.message} (${error.code})` : error.message;
}
function tcpProbe(target, t) {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host: target.host, port: target.port });
    const finish = (ok, detail) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ok, latencyMs: performance.now() - started, detail });
    };
    const timer = setTimeout(() => finish(false, `no connection within ${seconds(t.tcpConnectMs)}`), t.tcpConnectMs);
    socket.once("connect", () => finish(true, "connected"));
    socket.once("error", (error) => finish(false, describeError(error)));
  });
}
function httpProbe(target, t) {
  const started = performance.now();
  return new Promise((resolve) => {
    let done = false;
    let timer;
    const options = {
      host: target.host,
      port: target.port,
      path: target.path,
      method: "GET",
      agent: false,
      headers: { "user-agent": USER_AGENT, accept: "*/*", connection: "close" }
    };
    const req = target.type === "HTTPS" ? httpsRequest({ ...options, rejectUnauthorized: false }) : httpRequest(options);
    const finish = (ok, detail) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve({ ok, latencyMs: performance.now() - started, detail });
    };
    timer = setTimeout(() => finish(false, `no connection within ${seconds(t.connectMs)}`), t.connectMs);
    req.once("socket", (socket) => {
      const connected = () => {
        clearTimeout(timer);
        timer = setTimeout(() => finish(false, `no HTTP status within ${seconds(t.responseMs)} of connecting`), t.responseMs);
      };
      if (socket.readyState === "open") connected();
      else socket.once("connect", connected);
    });
    req.once("response", (res) => {
      const status = res.statusCode ?? 0;
      res.destroy();
      finish(status >= 200 && status < 400, `HTTP ${status}`);
    });
    req.once("error", (error) => finish(false, describeError(error)));
    req.end();
  });
}

// src/health/role.ts
function startHealthRole(o) {
  const intervalMs = o.intervalMs ?? 3e4;
  const logger = withRole(o.logger);
  const probe = o.probe ?? createProbe();
  if (!o.redis) {
    const checker2 = new HealthChecker({ ops: o.ops, probe, ownership: ALL_SHARDS, intervalMs, concurrency: o.concurrency ?? 64, logger, observer: o.observer });
    const stopFollowing2 = follow(o.follower, checker2);
    logger.info({ intervalMs, concurrency: o.concurrency ?? 64, state: "memory" }, "health checks: this process checks every instance");
    return {
      checker: checker2,
      inspector: checkerInspector(checker2),
      holder: "local",
      close: async () => {
        stopFollowing2();
        await checker2.stop();
      }
    };
  }
  const connectTimeoutMs = o.redis.connectTimeoutMs ?? 3e3;
  const target = o.redis.target ?? targetFromUrl(o.redis.url ?? "redis://127.0.0.1:6379");
  const redis = createRedisClient(target, { ...commandConnectionOptions({ connectTimeoutMs, commandTimeoutMs: 3e3 }), connectionName: "cloudmap-health" });
  redis.on("error", () => {
  });
  const keys = new RedisKeys(o.redis.prefix);
  const holder = holderId();
  const results = new RedisCheckResults({
    redis,
    keys,
    retentionMs: Math.max(3 * intervalMs, 6e4),
    onError: (error) => logger.debug({ err: error.message }, "could not store last health checks")
  });
  let checker;
  let failing;
  const ttlMs = Math.max(Math.round(0.75 * intervalMs), 200);
  const leases = new ShardLeases({
    redis,
    keys,
    group: HEALTH_LEASE_GROUP,
    holder,
    shards: HEALTH_SHARDS,
    ttlMs,
    onChange: (held) => {
      const fields = { holder, shards: held.size, of: HEALTH_SHARDS };
      if (held.size === 0 && failing) logger.warn({ ...fields, err: failing }, "health checks: leases ran out while Redis is unreachable; this replica writes no health until it holds them again");
      else logger.info(fields, `health checks: this replica checks ${held.size} of ${HEALTH_SHARDS} shards`);
      o.observer?.shardsChanged?.(held.size, HEALTH_SHARDS);
      checker?.ownershipChanged();
    },
    onError: (error) => {
      if (!failing) logger.warn({ holder, err: error.message }, "health checks: cannot renew leases; retrying");
      failing = error.message;
    },
    onRenewed: () => {
      if (!failing) return;
      logger.info({ holder }, "health checks: Redis answers again; leases renewed");
      failing = void 0;
    }
  });
  let membership = Promise.resolve();
  const join = (tracked) => {
    membership = membership.then(() => tracked > 0 ? leases.start() : leases.stop()).catch(() => {
    });
  };
  checker = new HealthChecker({
    ops: o.ops,
    probe,
    ownership: leases,
    intervalMs,
    concurrency: o.concurrency ?? 64,
    checkedBy: holder,
    logger,
    observer: observers(results, o.observer),
    onDemand: join
  });
  const stopFollowing = follow(o.follower, checker);
  logger.info(
    { intervalMs, concurrency: o.concurrency ?? 64, state: "redis", holder, leaseTtlMs: ttlMs, shards: HEALTH_SHARDS },
    "health checks: sharing the instances with the other replicas through leases in Redis"
  );
  return {
    checker,
    inspector: redisHealthInspector(redis, keys),
    holder,
    close: async () => {
      stopFollowing();
      await checker.stop();
      await membership;
      await leases.stop();
      await results.close();
      redis.disconnect();
    }
  };
}
function follow(follower, checker) {
  const remove = follower.addListener({ loaded: (view) => checker.loaded(view), applied: (events, view) => checker.applied(events, view) });
  checker.loaded(follower.view);
  return remove;
}
function withRole(logger) {
  const wrap = (level) => (obj, msg) => {
    if (typeof obj === "string") logger[level]({ role: "health" }, obj);
    else logger[level]({ role: "health", ...obj }, msg);
  };
  return { debug: wrap("debug"), info: wrap("info"), warn: wrap("warn"), error: wrap("error") };
}

// src/view/recent-events.ts
function eventKey(event) {
  switch (event.type) {
    case "NamespaceUpserted":
      return `${event.type} ${event.namespace.id}`;
    case "NamespaceDeleted":
      return `${event.type} ${event.namespaceId}`;
    case "ServiceUpserted":
      return `${event.type} ${event.service.id}`;
    case "ServiceDeleted":
      return `${event.type} ${event.serviceId}`;
    case "InstanceUpserted":
      return `${event.type} ${event.instance.serviceId}/${event.instance.id}`;
    case "InstanceHealthChanged":
      return `${event.type} ${event.serviceId}/${event.instanceId} ${event.healthStatus}`;
    case "InstanceDeleted":
      return `${event.type} ${event.serviceId}/${event.instanceId}`;
    default:
      return event.type;
  }
}
var RecentEvents = class {
  /** @param size how many revisions to remember @default 4096 */
  constructor(size = 4096) {
    this.size = size;
    this.#revisions = new Float64Array(size).fill(-1);
    this.#keys = new Array(size);
  }
  size;
  #revisions;
  #keys;
  /** Remembers `event` at its revision. */
  add(event) {
    const slot = event.revision % this.size;
    this.#revisions[slot] = event.revision;
    this.#keys[slot] = eventKey(event);
  }
  /** The key remembered for `revision`, or undefined (never seen, or overwritten since). */
  get(revision) {
    const slot = revision % this.size;
    return this.#revisions[slot] === revision ? this.#keys[slot] : void 0;
  }
  /** Forgets everything (the view was reloaded from a snapshot). */
  clear() {
    this.#revisions.fill(-1);
    this.#keys.fill(void 0);
  }
};
function isChangeEvent(value) {
  return typeof value === "object" && value !== null && typeof value.type === "string" && typeof value.revision === "number";
}
function recordingWrites(store, record) {
  return new Proxy(store, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      return (...args) => {
        const result = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.then((resolved) => {
          if (isChangeEvent(resolved)) record(resolved);
          return resolved;
        });
      };
    }
  });
}

// src/view/follower.ts
var OWN_EVENTS_KEPT = 4096;
var ViewFollower = class {
  view;
  #store;
  #logger;
  #retryDelayMs;
  #onApplied;
  #loadOptions;
  #subscription;
  #stopped = false;
  #waiters = [];
  #reloading;
  /** Events the view applied from the feed since its last load. */
  #applied = new RecentEvents();
  /** Events this process's writes committed (through `trackWrites`). */
  #committed = new RecentEvents();
  /** The change events of this process's writes that the view may not have applied yet, by revision (see `confirm`). */
  #own = /* @__PURE__ */ new Map();
  #listeners = /* @__PURE__ */ new Set();
  #loaded = false;
  constructor(store, view = new View(), options = {}) {
    this.#store = store;
    this.view = view;
    this.#logger = options.logger ?? silentLogger;
    this.#retryDelayMs = options.retryDelayMs ?? 500;
    this.#onApplied = options.onApplied;
    this.#loadOptions = { ...options.loadSliceMs !== void 0 && { sliceMs: options.loadSliceMs }, ...options.onLoadSlice && { onSlice: options.onLoadSlice } };
  }
  /**
   * `store` with the change event of every write remembered, so `confirm`
   * can tell the write's event from another one at the same revision. Give
   * this to the API instead of `store`.
   */
  trackWrites(store) {
    return recordingWrites(store, (event) => {
      this.#committed.add(event);
      if (event.revision > this.view.revision && this.#own.size < OWN_EVENTS_KEPT) this.#own.set(event.revision, event);
    });
  }
  /**
   * True once the view holds a whole snapshot (after the first load; stays
   * true through reloads, which build the new view beside the old one).
   * Until then DNS answers SERVFAIL and `/readyz` fails.
   */
  get loaded() {
    return this.#loaded;
  }
  /**
   * Resolves true once the view is loaded (at once when it is), or false
   * after `timeoutMs` milliseconds or when the follower stops first.
   */
  async whenLoaded(timeoutMs) {
    if (this.#loaded) return true;
    if (this.#stopped) return false;
    let timer;
    const loaded = await Promise.race([
      this.#reload().then(() => this.#loaded, () => false),
      new Promise((resolve) => timer = setTimeout(() => resolve(false), timeoutMs))
    ]);
    clearTimeout(timer);
    return loaded;
  }
  /**
   * Load the first snapshot (retrying until the store answers) and start
   * following. Resolves once the view holds the state.
   */
  async start() {
    await this.#reload();
  }
  /**
   * Adds a listener; it hears every load and batch of events from now on
   * (the view may already hold state: read it first).
   * @returns a function that removes the listener
   */
  addListener(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  /** Stop following; the view keeps its last state. */
  async stop() {
    this.#stopped = true;
    await this.#subscription?.close();
    this.#subscription = void 0;
    for (const w of this.#waiters) {
      clearTimeout(w.timer);
      w.resolve(false);
    }
    this.#waiters = [];
  }
  /**
   * Resolves once the view has applied `revision` (e.g. the revision a write
   * returned), so a caller can read its own writes from the view; or after
   * `timeoutMs` milliseconds, whichever comes first (the write itself is
   * already durable; a feed cut off by an outage must not hang the caller).
   * @returns true when the revision was applied, false on timeout or stop
   */
  waitFor(revision, timeoutMs = Number.POSITIVE_INFINITY) {
    if (this.view.revision >= revision) return Promise.resolve(true);
    if (this.#stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter = { revision, resolve };
      this.#waiters.push(waiter);
      if (Number.isFinite(timeoutMs)) {
        waiter.timer = setTimeout(() => {
          this.#waiters = this.#waiters.filter((w) => w !== waiter);
          resolve(false);
        }, timeoutMs);
      }
    });
  }
  /**
   * For a write that just committed `revision`: resolves once the view holds
   * it. When the view applied another event at that revision (see
   * `trackWrites`: the store's history changed under the view), or the
   * revision does not arrive within `timeoutMs` milliseconds, the view
   * reloads first (waiting at most `timeoutMs` more).
   * @throws ServiceUnavailable (503, retryable) when the view still cannot
   *   confirm the write: the change is saved, but DNS may not show it yet
   */
  async confirm(revision, timeoutMs) {
    this.#applyOwn();
    if (await this.waitFor(revision, timeoutMs)) {
      const mine = this.#committed.get(revision);
      const applied = this.#applied.get(revision);
      if (mine === void 0 || applied === void 0 || mine === applied) return;
      this.#logger.warn({ revision, write: mine, applied }, "the view holds another event at this write's revision (Redis data was reset or replaced); reloading the view");
    } else {
      this.#logger.warn({ revision, viewRevision: this.view.revision, timeoutMs }, "write committed but not in this process's view in time; reloading the view");
    }
    if (await this.resync(timeoutMs) && this.view.revision >= revision) return;
    throw errors.unavailable(`The change was saved (revision ${revision}) but this server's DNS view could not confirm it within ${2 * timeoutMs} ms; it will appear once the state store is reachable. Read it back before retrying a create.`);
  }
  /**
   * Reloads the view from a fresh snapshot now (joining a reload already
   * under way), waiting at most `timeoutMs` milliseconds.
   * @returns true when a reload completed in time
   */
  async resync(timeoutMs) {
    if (this.#stopped) return false;
    let timer;
    const done = await Promise.race([
      this.#reload().then(() => !this.#stopped),
      new Promise((resolve) => timer = setTimeout(() => resolve(false), timeoutMs))
    ]);
    clearTimeout(timer);
    return done;
  }
  /** Closes the subscription, loads a snapshot (retrying) and subscribes again; callers during a load join it. */
  #reload() {
    this.#reloading ??= this.#load();
    return this.#reloading;
  }
  async #load() {
    while (!this.#stopped) {
      try {
        await this.#subscription?.close();
        this.#subscription = void 0;
        const started = performance.now();
        const snapshot = this.#store.snapshotInBatches ? await this.#store.snapshotInBatches() : await this.#store.snapshot();
        if (this.#stopped) return;
        const instances = await this.view.loadInSlices(snapshot, this.#loadOptions);
        if (this.#stopped) return;
        this.#loaded = true;
        this.#applied.clear();
        this.#own.clear();
        this.#reloading = void 0;
        for (const l of this.#listeners) l.loaded?.(this.view);
        this.#logger.info({
          revision: snapshot.revision,
          namespaces: snapshot.namespaces.length,
          services: snapshot.services.length,
          instances,
          loadMs: Math.round(performance.now() - started)
        }, "view loaded");
        this.#subscription = this.#store.subscribe(snapshot.revision, {
          onEvents: (events) => this.#apply(events),
          onGap: (reason) => {
            for (const l of this.#listeners) l.gap?.(reason);
            this.#logger.warn({ revision: this.view.revision, reason: reason ?? "the change feed cannot continue from the view's position" }, "reloading the view");
            void this.#reload();
          },
          onError: (error) => {
            for (const l of this.#listeners) l.feedError?.(error);
            this.#logger.warn({ err: error.message }, "change stream unavailable; serving last view");
          }
        });
        this.#release();
        return;
      } catch (error) {
        this.#logger.warn({ err: error.message }, "could not load the view; retrying");
        await new Promise((r) => setTimeout(r, this.#retryDelayMs));
      }
    }
  }
  /**
   * Applies this process's own write events that directly follow the view's
   * revision, without waiting for the change feed to bring them back: the
   * store returned them as committed at those revisions, so they are what
   * the feed will deliver there (the feed's copies are then skipped). With
   * a write of another replica in between, the view waits for the feed as
   * before. Not while a snapshot loads (the new view starts from the
   * snapshot's revision and the feed brings the rest).
   */
  #applyOwn() {
    if (this.#reloading !== void 0 || this.#subscription === void 0) return;
    const own = [];
    for (let next = this.view.revision + 1, event = this.#own.get(next); event !== void 0; event = this.#own.get(++next)) own.push(event);
    if (own.length > 0) this.#apply(own);
  }
  #apply(delivered) {
    const events = delivered.length > 0 && delivered[0].revision > this.view.revision ? delivered : delivered.filter((e) => e.revision > this.view.revision);
    if (events.length === 0) return;
    for (const event of events) {
      this.view.apply(event);
      this.#applied.add(event);
    }
    for (const revision of this.#own.keys()) if (revision <= this.view.revision) this.#own.delete(revision);
    for (const l of this.#listeners) l.applied?.(events, this.view);
    this.#onApplied?.(this.view.revision);
    this.#release();
  }
  #release() {
    if (this.#waiters.length === 0) return;
    const revision = this.view.revision;
    const pending = [];
    for (const w of this.#waiters) {
      if (w.revision <= revision) {
        clearTimeout(w.timer);
        w.resolve(true);
      } else pending.push(w);
    }
    this.#waiters = pending;
  }
};

// src/server.ts
var WRITE_VISIBILITY_WAIT_MS = 2e3;
var VIEW_LOAD_WAIT_MS = 5e3;
function startHealth(config, store, follower, logger, metrics) {
  const redisTarget = redisTargetOf(config);
  const observer = metrics.health();
  if (store.kind !== "redis") observer.shardsChanged?.(HEALTH_SHARDS, HEALTH_SHARDS);
  return startHealthRole({
    observer,
    follower,
    ops: {
      store: follower.trackWrites(store),
      region: config.region,
      accountId: config.accountId,
      awsStrict: config.awsStrict,
      awaitRevision: (revision) => follower.confirm(revision, WRITE_VISIBILITY_WAIT_MS)
    },
    intervalMs: config.healthCheckIntervalMs,
    concurrency: config.healthCheckConcurrency,
    logger,
    ...store.kind === "redis" && redisTarget && { redis: { target: redisTarget, prefix: config.redisPrefix } }
  });
}
function createHttpApp(options) {
  const { store, follower, resolver, config, logger, metrics } = options;
  const readiness = options.readiness ?? { storeKind: store.kind, probe: new StateProbe(store), viewLoaded: () => follower.loaded };
  const app = new Hono3();
  app.get("/healthz", (c) => c.text("ok\n"));
  app.get("/readyz", (c) => readyz(readiness, new URL(c.req.url).search.slice(1)));
  app.post("/", async (c, next) => {
    if (follower.loaded || await follower.whenLoaded(VIEW_LOAD_WAIT_MS)) return next();
    return errorResponse(errors.unavailable("This server is still loading its view of the state store; retry shortly."), crypto.randomUUID());
  });
  if (metrics) app.get("/metrics", () => metricsResponse(metrics.registry));
  app.route("/", dohRoutes(resolver));
  app.route(
    "/",
    createApiApp({
      store: follower.trackWrites(store),
      view: follower.view,
      region: config.region,
      accountId: config.accountId,
      ...config.auth === "sigv4" && config.credentials && { verifySignature: createSigV4Verifier({ credentials: config.credentials }) },
      awaitRevision: (revision) => follower.confirm(revision, WRITE_VISIBILITY_WAIT_MS),
      awsStrict: config.awsStrict,
      logger,
      ...metrics && { onRequest: metrics.onApiRequest }
    })
  );
  return app;
}
var PROTOCOLS = {
  http: "Cloud Map API (awsJson1_1), DoH /dns-query; HTTP/1.1 + h2c",
  https: "Cloud Map API (awsJson1_1), DoH /dns-query; TLS with ALPN h2 + http/1.1",
  dns: "DNS over UDP and TCP",
  grpc: "CoreDNS gRPC coredns.dns.DnsService/Query; h2c"
};
var SCHEME = { http: "http", https: "https", dns: "dns", grpc: "grpc" };
function startListener(l, runtime, app, resolver, logger, rrl) {
  const base = { host: l.host, port: l.port, logger, maxConnections: l.maxConnections };
  const doh = (request) => answerDoh(resolver, request);
  switch (l.kind) {
    case "http":
      return runtime.startHttpServer({ ...base, fetch: app.fetch, doh });
    case "https":
      return runtime.startHttpServer({ ...base, fetch: app.fetch, doh, tls: l.tls });
    case "dns":
      return runtime.startDnsServer({ ...base, resolver, ...l.idleTimeoutMs !== void 0 && { tcpIdleTimeoutMs: l.idleTimeoutMs }, ...rrl && { rrl } });
    case "grpc":
      return runtime.startGrpcServer({ ...base, resolver, ...l.tls && { tls: l.tls } });
  }
}
async function serve(config, store, runtime, logger) {
  const follower = new ViewFollower(store, void 0, { logger });
  const probe = new StateProbe(store);
  const metrics = createServerMetrics({ store, follower, probe });
  const loading = follower.start();
  const resolver = instrumentResolver(createResolver(follower.view, { anyResponse: config.anyResponse, ready: () => follower.loaded }), { metrics: metrics.dns, logger });
  const app = createHttpApp({ store, follower, resolver, config, logger, metrics, readiness: { storeKind: store.kind, probe, viewLoaded: () => follower.loaded } });
  const listeners = [];
  const started = [];
  try {
    for (const l of config.listeners) {
      const rrl = l.kind === "dns" && config.rrl ? new ResponseRateLimiter({ ...config.rrl, onLimited: metrics.dns.recordRrl }) : void 0;
      const listener = await startListener(l, runtime, app, resolver, logger, rrl);
      listeners.push(listener);
      started.push({ kind: l.kind, address: l.host, port: listener.port });
      const protocols = l.kind !== "grpc" || !l.tls ? PROTOCOLS[l.kind] : `${PROTOCOLS.grpc.replace("; h2c", "")}; ${l.tls.required ? "TLS (ALPN h2) only" : "h2c and TLS (ALPN h2)"}`;
      logger.info({ listener: l.kind, protocols, address: l.host, port: listener.port, state: store.kind, ...rrl && { rrl: config.rrl } }, `listening on ${SCHEME[l.kind]}://${l.host}:${listener.port}`);
    }
    await loading;
    const health = config.healthChecks ? startHealth(config, store, follower, logger, metrics) : void 0;
    return {
      httpPort: started.find((l) => l.kind === "http")?.port ?? 0,
      dnsPort: started.find((l) => l.kind === "dns")?.port ?? 0,
      listeners: started,
      store,
      view: follower.view,
      ...health && { health },
      metrics,
      close: async () => {
        await Promise.allSettled(listeners.map((l) => l.close()));
        await health?.close();
        metrics.close();
        await follower.stop();
        await store.close();
      }
    };
  } catch (error) {
    await Promise.allSettled(listeners.map((l) => l.close()));
    metrics.close();
    await follower.stop();
    throw error;
  }
}

// src/reconcile/command.ts
function addReconcileCommand(program2, deps) {
  const cmd = program2.command("reconcile").description("mirror Cloud Map state into Route 53, Kubernetes and a CoreDNS Corefile ConfigMap; register annotated Pods");
  addReconcileOptions(cmd).option("--redis-url <url>", "Redis state (default: $REDIS_URL; unset = read state through --endpoint)").option("--redis-prefix <prefix>", "prefix of every Redis key (default: $CLOUDMAP_REDIS_PREFIX or cloudmap:)").option("--region <region>", "region of ARNs and of REGION attributes (default: $AWS_REGION or us-east-1)").option("--account-id <id>", "12-digit account id (default: $CLOUDMAP_ACCOUNT_ID or 123456789012)").option("--log-level <level>", "log level (default: $LOG_LEVEL or info)").action(async (flags) => {
    const { runReconcile } = await import("./wiring-G6OSB4KD.js");
    await runReconcile(flags, deps);
  });
}
async function startEmbeddedReconciler(flags, env, store, serve2, logger, observer) {
  if (!flags.reconcile) return void 0;
  const { createEmbeddedReconciler } = await import("./wiring-G6OSB4KD.js");
  return createEmbeddedReconciler(flags, env, store, serve2, logger, observer);
}
function addServeReconcileOptions(serve2) {
  serve2.option("--reconcile", "also run the reconcile loop inside this process (providers: --reconcile-providers, default route53)");
  addReconcileOptions(serve2, true);
}

// src/cli.ts
async function main(argv, deps) {
  const writeErr = deps.writeErr ?? ((text2) => console.error(text2.trimEnd()));
  const program2 = new Command("cloudmap-dns").description("AWS Cloud Map compatible control plane answered in DNS").exitOverride().configureOutput({ writeErr, outputError: (text2, write) => write(text2) });
  const serveCommand = program2.command("serve").description("run the Cloud Map API, DNS-over-HTTPS and plain DNS listeners").option("--host <address>", "address every listener binds", "127.0.0.1").option("--http-port <port>", "Cloud Map API and DoH port (HTTP/1.1 and h2c)", "8053").option("--dns-port <port>", "plain DNS port (UDP and TCP)", "1053").option("--grpc-port <port>", "CoreDNS grpc plugin port (coredns.dns.DnsService); 0 = off", "8054").option("--https-port <port>", "Cloud Map API and DoH over TLS (ALPN h2, http/1.1); needs --tls-cert/--tls-key; 0 = off", "0").option("--tls-cert <file>", "TLS certificate chain (PEM) for HTTPS, and for gRPC when given").option("--tls-key <file>", "TLS private key (PEM)").option("--grpc-tls", "accept only TLS on the gRPC port (default: cleartext h2c, plus TLS when --tls-cert is given)").option("--max-connections <n>", "most open TCP connections per listener; more are closed at once", "1000").option("--tcp-idle-timeout <seconds>", "close DNS-over-TCP connections idle this long (RFC 7766)", "10").option("--any-response <mode>", "answer QTYPE ANY with one RRset (minimal, RFC 8482) or every RRset (full)", "minimal").option("--redis-prefix <prefix>", "prefix of every Redis key (default: $CLOUDMAP_REDIS_PREFIX or cloudmap:)").option("--redis-connect-timeout <seconds>", "give up starting when Redis does not answer within this time (default: $CLOUDMAP_REDIS_CONNECT_TIMEOUT or 10)").option("--region <region>", "region in ARNs when a request has no SigV4 scope (default: $AWS_REGION or us-east-1)").option("--account-id <id>", "12-digit account id (default: $CLOUDMAP_ACCOUNT_ID or 123456789012)").option("--log-level <level>", "log level: trace, debug, info, warn, error, fatal or silent (default: $LOG_LEVEL or info)").option("--auth <mode>", "API authentication: open (any credentials, the default) or sigv4 (verify signatures; needs --credentials) (default: $CLOUDMAP_AUTH or open)").option("--credentials <file>", 'access key ids and secrets for --auth sigv4: "KEY SECRET" per line, or an AWS credentials file (default: $CLOUDMAP_CREDENTIALS_FILE)').option("--health-check-interval <seconds>", "time between two health checks of one instance (default: $CLOUDMAP_HEALTH_CHECK_INTERVAL or 30, as Route 53)").option("--health-check-concurrency <n>", "most health checks in flight at once", "64").option("--no-health-checks", "do not run the health role (active checks of services with HealthCheckConfig) in this process").option("--aws-strict", "refuse documented extensions with AWS's errors (e.g. HealthCheckConfig in private DNS namespaces)");
  for (const [flags, description] of REDIS_OPTIONS) serveCommand.option(flags, description);
  for (const [flags, description] of RRL_OPTIONS) serveCommand.option(flags, description);
  serveCommand.action((flags) => run3(flags, true));
  const healthCommand = program2.command("health").description("run only the health role: active HTTP/HTTPS/TCP checks of services with HealthCheckConfig, no listeners");
  const healthFlags = [...REDIS_OPTIONS.map(([flags]) => flags.split(" ")[0]), "--redis-prefix", "--redis-connect-timeout", "--region", "--account-id", "--log-level", "--health-check-interval", "--health-check-concurrency"];
  for (const option of serveCommand.options) if (healthFlags.includes(option.long ?? "")) healthCommand.addOption(option);
  healthCommand.action((flags) => run3({ ...flags, healthChecks: true }, false));
  async function run3(flags, listeners) {
    const resolved = resolveServeConfig(flags, deps.env);
    const config = listeners ? resolved : { ...resolved, listeners: [], auth: "open" };
    if (config.auth === "sigv4") {
      if (!deps.readFile) throw new Error("--auth sigv4: this runtime cannot read files");
      const credentials = parseCredentials(deps.readFile(config.credentialsFile));
      if (credentials.size === 0) throw new Error(`--credentials ${config.credentialsFile} holds no access key`);
      config.credentials = credentials;
    }
    const logger = createLogger(config.logLevel);
    const state = config.redis ? { state: "redis", redis: describeRedisTarget(config.redis) } : { state: "memory" };
    const auth = !listeners ? { role: "health" } : config.auth === "sigv4" ? { auth: "sigv4", accessKeys: config.credentials.size } : { auth: "open: API signatures are not verified, any or no credentials are accepted (--auth sigv4 to verify)" };
    logger.info({ ...deps.about, ...state, ...auth }, "cloudmap-dns starting");
    const store = await openStore(config, logger);
    const inFlight = new InFlight();
    try {
      const server = await serve(config, store, countingRuntime(deps.runtime, inFlight), logger);
      const observer = flags.reconcile ? server.metrics.reconcile() : void 0;
      const reconciler = await startEmbeddedReconciler(flags, deps.env, store, config, logger, observer).catch(async (error) => {
        await server.close();
        throw error;
      });
      if (reconciler) {
        const closeServer2 = server.close;
        server.close = async () => (await reconciler.stop(), await closeServer2());
      }
      deps.onServing?.(server, { logger, inFlight });
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  addServeReconcileOptions(serveCommand);
  addInspectCommand(program2, { env: deps.env, ...deps.onRunning && { onRunning: deps.onRunning } });
  addCorefileCommand(program2, { env: deps.env, ...deps.readFile && { readFile: deps.readFile } });
  let exit = 0;
  addReconcileCommand(program2, {
    env: deps.env,
    setExitCode: (code2) => exit = code2,
    // The loop runs until a signal: the runtime stops it as it stops `serve`.
    onRunning: (handle, logger) => deps.onServing?.({ close: handle.stop }, { logger, inFlight: new InFlight() })
  });
  try {
    await program2.parseAsync(argv, { from: "user" });
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    writeErr(`cloudmap-dns: ${error.message}
`);
    return 1;
  }
}

// src/runtime/node/dns-server.ts
import dgram from "node:dgram";
import { lookup } from "node:dns/promises";
import net from "node:net";

// src/transport/udp-tcp.ts
var TCP_MAX_MESSAGE = 65535;
function frameTcpMessage(message) {
  if (message.length > TCP_MAX_MESSAGE) throw new RangeError(`DNS message of ${message.length} bytes exceeds ${TCP_MAX_MESSAGE}`);
  const out = allocateBytes(message.length + 2);
  out[0] = message.length >> 8;
  out[1] = message.length & 255;
  out.set(message, 2);
  return out;
}
var TcpMessageReader = class {
  constructor(onMessage) {
    this.onMessage = onMessage;
  }
  onMessage;
  /** Bytes of the current incomplete frame (prefix included). */
  #pending = new Uint8Array(0);
  #pendingLength = 0;
  /** Bytes held for an incomplete message (0 between messages). */
  get bufferedBytes() {
    return this.#pendingLength;
  }
  /** Feed the next chunk of the stream. */
  push(chunk) {
    let off = 0;
    if (this.#pendingLength > 0) {
      off = this.#fill(chunk);
      if (off < 0) return;
    }
    while (chunk.length - off >= 2) {
      const len = chunk[off] << 8 | chunk[off + 1];
      if (chunk.length - off - 2 < len) break;
      this.onMessage(chunk.subarray(off + 2, off + 2 + len));
      off += 2 + len;
    }
    if (off < chunk.length) this.#hold(chunk.subarray(off));
  }
  /** Append to the pending frame; returns the offset in `chunk` after a completed frame, or -1 if still incomplete. */
  #fill(chunk) {
    let used = 0;
    if (this.#pendingLength < 2) {
      used = Math.min(2 - this.#pendingLength, chunk.length);
      this.#append(chunk.subarray(0, used));
      if (this.#pendingLength < 2) return -1;
    }
    const total = 2 + (this.#pending[0] << 8 | this.#pending[1]);
    const take = Math.min(total - this.#pendingLength, chunk.length - used);
    this.#append(chunk.subarray(used, used + take));
    used += take;
    if (this.#pendingLength < total) return -1;
    const message = this.#pending.slice(2, total);
    this.#pendingLength = 0;
    this.onMessage(message);
    return used;
  }
  #hold(bytes) {
    this.#pendingLength = 0;
    this.#append(bytes);
  }
  #append(bytes) {
    const need = this.#pendingLength + bytes.length;
    if (need > this.#pending.length) {
      const grown = new Uint8Array(Math.min(TCP_MAX_MESSAGE + 2, Math.max(need, 512, this.#pending.length * 2)));
      grown.set(this.#pending.subarray(0, this.#pendingLength));
      this.#pending = grown;
    }
    this.#pending.set(bytes, this.#pendingLength);
    this.#pendingLength = need;
  }
};
var UDP = { transport: "udp" };
function udpAnswerer(resolver, rrl) {
  if (!rrl) return (datagram) => resolver.handle(datagram, UDP);
  return (datagram, source) => {
    const response = resolver.handle(datagram, UDP);
    if (response === null) return null;
    const action = rrl.check(source, response);
    return action === RrlAction.send ? response : action === RrlAction.drop ? null : truncatedResponse(response);
  };
}
function createTcpSession(resolver, write) {
  let answered = 0;
  const reader = new TcpMessageReader((message) => {
    const response = resolver.handle(message, { transport: "tcp" });
    if (!response) return;
    answered++;
    write(frameTcpMessage(response));
  });
  return {
    push: (chunk) => reader.push(chunk),
    get answered() {
      return answered;
    },
    get pendingBytes() {
      return reader.bufferedBytes;
    }
  };
}

// src/runtime/node/deadlines.ts
var Deadlines = class {
  /**
   * @param timeoutMs how long after `arm` a key expires, in milliseconds
   * @param onExpire called once for each key that expires (after it is removed)
   * @param sweepMs how often expiry is checked; keys expire up to this late
   *   @default min(1000, timeoutMs / 4), at least 10
   */
  constructor(timeoutMs, onExpire, sweepMs = Math.max(10, Math.min(1e3, timeoutMs / 4))) {
    this.timeoutMs = timeoutMs;
    this.onExpire = onExpire;
    this.#timer = setInterval(() => this.sweep(Date.now()), sweepMs);
    this.#timer.unref?.();
  }
  timeoutMs;
  onExpire;
  /** Insertion-ordered, so deadlines are ascending: a sweep stops at the first live one. */
  #due = /* @__PURE__ */ new Map();
  #timer;
  /** Number of keys armed. */
  get size() {
    return this.#due.size;
  }
  /** (Re)start the key's deadline from now. */
  arm(key) {
    this.#due.delete(key);
    this.#due.set(key, Date.now() + this.timeoutMs);
  }
  /** Start the key's deadline unless it is already armed. */
  armOnce(key) {
    if (!this.#due.has(key)) this.#due.set(key, Date.now() + this.timeoutMs);
  }
  /** Stop tracking the key. */
  disarm(key) {
    this.#due.delete(key);
  }
  /** Expire every key due at or before `now` (epoch milliseconds). */
  sweep(now) {
    for (const [key, due] of this.#due) {
      if (due > now) break;
      this.#due.delete(key);
      this.onExpire(key);
    }
  }
  /** Stop the timer; nothing expires any more. */
  close() {
    clearInterval(this.#timer);
    this.#due.clear();
  }
};
var BulkDeadlines = class {
  /**
   * @param timeoutMs shortest life before an unfinished item expires, in milliseconds
   * @param isDone true when the item finished (it is then dropped)
   * @param onExpire called once for each item that expires
   * @param sweepMs how often held items are walked, in milliseconds
   *   @default min(50, timeoutMs / 4), at least 5
   */
  constructor(timeoutMs, isDone, onExpire, sweepMs = Math.max(5, Math.min(50, timeoutMs / 4))) {
    this.timeoutMs = timeoutMs;
    this.isDone = isDone;
    this.onExpire = onExpire;
    this.sweepMs = sweepMs;
  }
  timeoutMs;
  isDone;
  onExpire;
  sweepMs;
  #keys = [];
  #due = [];
  #timer;
  #closed = false;
  /** Items held now (finished ones included until the next sweep). */
  get size() {
    return this.#keys.length;
  }
  /** Start watching `key`; it expires `timeoutMs` from now unless done. */
  add(key) {
    if (this.#closed) return;
    this.#keys.push(key);
    this.#due.push(Date.now() + this.timeoutMs);
    if (!this.#timer) this.#schedule();
  }
  #schedule() {
    this.#timer = setTimeout(() => {
      this.#timer = void 0;
      this.sweep(Date.now());
      if (this.#keys.length > 0 && !this.#closed) this.#schedule();
    }, this.sweepMs);
    this.#timer.unref?.();
  }
  /** Drop finished items and expire unfinished ones due at or before `now` (epoch milliseconds). */
  sweep(now) {
    const keys = this.#keys;
    const due = this.#due;
    const expired = [];
    let kept = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (this.isDone(key)) continue;
      if (due[i] <= now) {
        expired.push(key);
        continue;
      }
      keys[kept] = key;
      due[kept] = due[i];
      kept++;
    }
    keys.length = kept;
    due.length = kept;
    for (const key of expired) this.onExpire(key);
  }
  /** Stop the timer and forget every item; later `add`s are ignored. */
  close() {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = void 0;
    this.#keys = [];
    this.#due = [];
  }
};

// src/runtime/node/dns-server.ts
var PORT_ATTEMPTS = 20;
var errorCode = (e) => e?.code;
function listenTcp(server, port, address2) {
  return new Promise((resolve, reject) => {
    const onError = (e) => reject(e);
    server.once("error", onError);
    server.listen({ port, host: address2, exclusive: true }, () => {
      server.off("error", onError);
      resolve(server.address().port);
    });
  });
}
function bindUdp(socket, port, address2) {
  return new Promise((resolve, reject) => {
    const onError = (e) => reject(e);
    socket.once("error", onError);
    socket.bind({ port, address: address2, exclusive: true }, () => {
      socket.off("error", onError);
      resolve();
    });
  });
}
var closeTcp = (server) => new Promise((resolve) => server.close(() => resolve()));
var closeUdp = (socket) => new Promise((resolve) => {
  try {
    socket.close(() => resolve());
  } catch {
    resolve();
  }
});
async function startDnsServer(options) {
  const { resolver, logger, tcpIdleTimeoutMs = 1e4, tcpMaxPendingBytes = 1 << 20, maxConnections = 1e3 } = options;
  const address2 = net.isIP(options.host) ? options.host : (await lookup(options.host)).address;
  const udpType = net.isIPv6(address2) ? "udp6" : "udp4";
  const answerUdp = udpAnswerer(resolver, options.rrl);
  const connections = /* @__PURE__ */ new Set();
  const partial = new Deadlines(tcpIdleTimeoutMs, (socket) => socket.destroy());
  const onConnection = (socket) => {
    connections.add(socket);
    socket.setNoDelay(true);
    socket.setTimeout(tcpIdleTimeoutMs, () => socket.destroy());
    const session = createTcpSession(resolver, (framed) => {
      if (!socket.destroyed) socket.write(framed);
    });
    socket.on("data", (chunk) => {
      try {
        session.push(chunk);
        if (session.pendingBytes > 0) partial.armOnce(socket);
        else partial.disarm(socket);
      } catch (e) {
        logger.warn({ err: e, peer: socket.remoteAddress }, "dns tcp: closing connection after error");
        socket.destroy();
        return;
      }
      if (socket.writableLength > tcpMaxPendingBytes) {
        socket.pause();
        socket.once("drain", () => socket.resume());
      }
    });
    socket.on("error", (e) => logger.debug({ err: e, peer: socket.remoteAddress }, "dns tcp: connection error"));
    socket.on("close", () => {
      connections.delete(socket);
      partial.disarm(socket);
    });
  };
  const onDatagram = (udp) => (msg, peer) => {
    let response;
    try {
      response = answerUdp(msg, peer.address);
    } catch (e) {
      logger.warn({ err: e, peer: peer.address }, "dns udp: could not answer");
      return;
    }
    if (!response) return;
    udp.send(response, peer.port, peer.address);
  };
  const literalLookup = (host, family, callback) => {
    if (net.isIP(host)) callback(null, host, net.isIPv6(host) ? 6 : 4);
    else lookup(host).then((r) => callback(null, r.address, r.family), (e) => callback(e, "", 0));
  };
  const attempts = options.port === 0 ? PORT_ATTEMPTS : 1;
  for (let attempt = 1; ; attempt++) {
    const tcp = net.createServer(onConnection);
    tcp.maxConnections = maxConnections;
    const port = await listenTcp(tcp, options.port, address2);
    const udp = dgram.createSocket({ type: udpType, reuseAddr: false, recvBufferSize: options.udpReceiveBufferBytes ?? 4 << 20, lookup: literalLookup });
    try {
      await bindUdp(udp, port, address2);
    } catch (e) {
      await Promise.all([closeTcp(tcp), closeUdp(udp)]);
      if (errorCode(e) === "EADDRINUSE" && attempt < attempts) continue;
      partial.close();
      throw e;
    }
    udp.on("message", onDatagram(udp));
    udp.on("error", (e) => {
      if (e.syscall === "send") logger.debug({ err: e }, "dns udp: send failed");
      else logger.error({ err: e }, "dns udp: socket error");
    });
    tcp.on("error", (e) => logger.error({ err: e }, "dns tcp: server error"));
    let closing;
    return {
      port,
      address: address2,
      close() {
        closing ??= (async () => {
          partial.close();
          const tcpClosed = closeTcp(tcp);
          for (const socket of connections) socket.destroy();
          await Promise.all([tcpClosed, closeUdp(udp)]);
        })();
        return closing;
      }
    };
  }
}

// src/runtime/node/grpc-server.ts
import http2 from "node:http2";
import net2 from "node:net";

// src/transport/grpc.ts
var GRPC_QUERY_PATH = "/coredns.dns.DnsService/Query";
var GRPC_MAX_MESSAGE = 65535 + 4;
var GrpcStatus = {
  OK: 0,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  INTERNAL: 13
};
function encodeDnsPacket(msg, out) {
  const lenBytes = msg.length < 128 ? 1 : msg.length < 16384 ? 2 : 3;
  const size = 1 + lenBytes + msg.length;
  const buf = out && out.length >= size ? out.subarray(0, size) : new Uint8Array(size);
  buf[0] = 10;
  let n = msg.length;
  let i = 1;
  while (n >= 128) {
    buf[i++] = n & 127 | 128;
    n >>>= 7;
  }
  buf[i++] = n;
  buf.set(msg, i);
  return buf;
}
function decodeDnsPacket(bytes) {
  let msg = bytes.subarray(0, 0);
  let off = 0;
  const varint = () => {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (off >= bytes.length) return void 0;
      const b = bytes[off++];
      value += (b & 127) * 2 ** shift;
      if ((b & 128) === 0) return value;
    }
    return void 0;
  };
  while (off < bytes.length) {
    const key = varint();
    if (key === void 0) return void 0;
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (field === 0) return void 0;
    if (wire === 0) {
      if (varint() === void 0) return void 0;
    } else if (wire === 1 || wire === 5) {
      off += wire === 1 ? 8 : 4;
      if (off > bytes.length) return void 0;
    } else if (wire === 2) {
      const len = varint();
      if (len === void 0 || off + len > bytes.length) return void 0;
      if (field === 1) msg = bytes.subarray(off, off + len);
      off += len;
    } else {
      return void 0;
    }
  }
  return msg;
}
function frameDnsPacket(msg) {
  const lenBytes = msg.length < 128 ? 1 : msg.length < 16384 ? 2 : 3;
  const size = 1 + lenBytes + msg.length;
  const out = allocateBytes(5 + size);
  out[1] = size >>> 24;
  out[2] = size >>> 16 & 255;
  out[3] = size >>> 8 & 255;
  out[4] = size & 255;
  encodeDnsPacket(msg, out.subarray(5));
  return out;
}
function unframeGrpcRequest(body) {
  if (body.length < 5) return { status: GrpcStatus.INTERNAL, error: "request has no complete message" };
  const length = (body[1] << 24 | body[2] << 16 | body[3] << 8 | body[4]) >>> 0;
  if (length > GRPC_MAX_MESSAGE) return { status: GrpcStatus.RESOURCE_EXHAUSTED, error: `message of ${length} bytes exceeds ${GRPC_MAX_MESSAGE}` };
  if (body[0] !== 0) return { status: GrpcStatus.UNIMPLEMENTED, error: "compressed messages are not supported (grpc-accept-encoding: identity)" };
  if (5 + length > body.length) return { status: GrpcStatus.INTERNAL, error: "request message is truncated" };
  if (5 + length < body.length) return { status: GrpcStatus.INTERNAL, error: "unary request has more than one message" };
  return { message: body.subarray(5) };
}
function answerGrpc(resolver, body) {
  const unframed = unframeGrpcRequest(body);
  if ("status" in unframed) return unframed;
  const query = decodeDnsPacket(unframed.message);
  if (!query) return { status: GrpcStatus.INTERNAL, error: "request is not a valid DnsPacket" };
  const response = resolver.handle(query, { transport: "grpc" });
  if (!response) return { status: GrpcStatus.INVALID_ARGUMENT, error: "DnsPacket.msg is not a DNS query" };
  return { status: 0, message: frameDnsPacket(response) };
}

// src/runtime/node/listen.ts
import { readFileSync } from "node:fs";
function readTlsFiles(files) {
  const read = (path, what) => {
    try {
      return readFileSync(path);
    } catch (e) {
      throw new Error(`cannot read TLS ${what} ${path}: ${e.message}`);
    }
  };
  return { cert: read(files.certFile, "certificate"), key: read(files.keyFile, "key") };
}
function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (e) => reject(e);
    server.once("error", onError);
    server.listen({ port, host, exclusive: true }, () => {
      server.off("error", onError);
      resolve(server.address().port);
    });
  });
}
function closeServer(server) {
  return new Promise((resolve) => server.close(() => resolve()));
}
function sniff(socket, classify, onProtocol, deadlineMs, onError) {
  const chunks = [];
  let length = 0;
  const timer = setTimeout(() => socket.destroy(), deadlineMs);
  const onData = (chunk) => {
    chunks.push(chunk);
    length += chunk.length;
    const head = chunks.length === 1 ? chunk : Buffer.concat(chunks, length);
    const protocol = classify(head);
    if (protocol === void 0) return;
    clearTimeout(timer);
    socket.off("data", onData);
    socket.off("error", onError);
    socket.off("close", onClose);
    socket.pause();
    socket.unshift(head);
    onProtocol(socket, protocol);
  };
  const onClose = () => clearTimeout(timer);
  socket.on("error", onError);
  socket.on("close", onClose);
  socket.on("data", onData);
}

// src/runtime/node/grpc-server.ts
var TLS_HANDSHAKE = 22;
var grpcMessage = (text2) => text2.replace(/[^\x20-\x24\x26-\x7e]/g, (c) => encodeURIComponent(c));
function fail(stream, status, message) {
  if (stream.destroyed || stream.headersSent) return;
  stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": String(status), "grpc-message": grpcMessage(message) }, { endStream: true });
}
var OK_HEADERS = { ":status": 200, "content-type": "application/grpc" };
var OK_TRAILERS = { "grpc-status": "0" };
var RESPOND_OPTIONS = { waitForTrailers: true };
function onStream(resolver, stream, headers) {
  const contentType2 = headers["content-type"];
  if (typeof contentType2 !== "string" || !contentType2.startsWith("application/grpc")) {
    stream.respond({ ":status": 415, "content-type": "text/plain" });
    stream.end("content-type must be application/grpc\n");
    return;
  }
  if (headers[":method"] !== "POST" || headers[":path"] !== GRPC_QUERY_PATH) {
    fail(stream, GrpcStatus.UNIMPLEMENTED, `unknown method ${headers[":path"]}`);
    stream.resume();
    return;
  }
  let first;
  let chunks;
  let size = 0;
  stream.on("data", (chunk) => {
    size += chunk.length;
    if (size > GRPC_MAX_MESSAGE + 5) {
      fail(stream, GrpcStatus.RESOURCE_EXHAUSTED, `request exceeds ${GRPC_MAX_MESSAGE} bytes`);
      stream.close(http2.constants.NGHTTP2_NO_ERROR);
      return;
    }
    if (first === void 0) first = chunk;
    else (chunks ??= [first]).push(chunk);
  });
  stream.on("end", () => {
    if (stream.destroyed || stream.headersSent) return;
    const body = chunks ? Buffer.concat(chunks, size) : first ?? Buffer.alloc(0);
    const result = answerGrpc(resolver, body);
    if (result.status !== 0) {
      fail(stream, result.status, result.error);
      return;
    }
    stream.respond(OK_HEADERS, RESPOND_OPTIONS);
    stream.once("wantTrailers", () => stream.sendTrailers(OK_TRAILERS));
    stream.end(result.message);
  });
}
async function startGrpcServer(options) {
  const { resolver, logger, idleTimeoutMs = 3e5, handshakeTimeoutMs = 1e4, requestTimeoutMs = 1e4, maxConcurrentStreams = 256, maxConnections = 1e4 } = options;
  const peer = (s) => `${s.remoteAddress}|${s.remotePort}`;
  const starting = /* @__PURE__ */ new Map();
  const prefaceWait = new Deadlines(handshakeTimeoutMs, (socket) => socket.destroy());
  const callWait = new BulkDeadlines(
    requestTimeoutMs,
    (stream) => stream.destroyed || stream.headersSent,
    (stream) => {
      fail(stream, GrpcStatus.DEADLINE_EXCEEDED, `request not complete within ${requestTimeoutMs} ms`);
      if (!stream.destroyed) stream.close(http2.constants.NGHTTP2_NO_ERROR);
    }
  );
  const settings = { maxConcurrentStreams };
  const material = options.tls ? readTlsFiles(options.tls) : void 0;
  const h2c = http2.createServer({ settings, maxSessionMemory: 10 });
  const h2s = material ? http2.createSecureServer({ ...material, settings, maxSessionMemory: 10, ALPNProtocols: ["h2"], handshakeTimeout: handshakeTimeoutMs }) : void 0;
  const sessions = /* @__PURE__ */ new Set();
  const sockets = /* @__PURE__ */ new Set();
  for (const server2 of h2s ? [h2c, h2s] : [h2c]) {
    server2.on("stream", (stream, headers) => {
      callWait.add(stream);
      stream.on("error", (e) => logger.debug({ err: e }, "grpc: stream error"));
      onStream(resolver, stream, headers);
    });
    server2.on("session", (session) => {
      sessions.add(session);
      session.once("remoteSettings", () => {
        const key = session.socket ? peer(session.socket) : "";
        const raw2 = starting.get(key);
        if (raw2) {
          starting.delete(key);
          prefaceWait.disarm(raw2);
        }
      });
      session.setTimeout(idleTimeoutMs, () => session.close());
      session.on("close", () => sessions.delete(session));
      session.on("error", (e) => logger.debug({ err: e }, "grpc: session error"));
    });
    server2.on("sessionError", (e) => logger.debug({ err: e }, "grpc: session error"));
  }
  h2s?.on("tlsClientError", (e) => logger.debug({ err: e }, "grpc: TLS handshake failed"));
  const required = options.tls?.required === true;
  const onSocketError = (e) => logger.debug({ err: e }, "grpc: connection error");
  const server = net2.createServer((socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    const key = peer(socket);
    starting.set(key, socket);
    prefaceWait.arm(socket);
    socket.on("close", () => {
      sockets.delete(socket);
      prefaceWait.disarm(socket);
      if (starting.get(key) === socket) starting.delete(key);
    });
    sniff(
      socket,
      (head) => head[0] === TLS_HANDSHAKE && h2s ? "tls" : "h2c",
      (s, protocol) => {
        if (protocol === "tls") h2s.emit("connection", s);
        else if (required) s.destroy();
        else h2c.emit("connection", s);
      },
      handshakeTimeoutMs,
      onSocketError
    );
  });
  server.maxConnections = maxConnections;
  server.on("error", (e) => logger.error({ err: e }, "grpc: listener error"));
  const port = await listen(server, options.port, options.host);
  let closing;
  return {
    port,
    tls: h2s !== void 0,
    close() {
      closing ??= (async () => {
        const closed = closeServer(server);
        prefaceWait.close();
        callWait.close();
        for (const session of sessions) session.destroy();
        for (const socket of sockets) socket.destroy();
        await closed;
      })();
      return closing;
    }
  };
}

// src/runtime/node/http-server.ts
import http from "node:http";
import http23 from "node:http2";
import net3 from "node:net";
import tls from "node:tls";

// node_modules/@hono/node-server/dist/constants-BLSFu_RU.mjs
var X_ALREADY_SENT = "x-hono-already-sent";

// node_modules/@hono/node-server/dist/index.mjs
import { STATUS_CODES, ServerResponse, createServer } from "node:http";
import { Http2ServerRequest, constants } from "node:http2";
import { Readable } from "node:stream";

// node_modules/hono/dist/helper/websocket/index.js
var defineWebSocketHelper = (handler) => {
  return ((...args) => {
    if (typeof args[0] === "function") {
      const [createEvents, options] = args;
      return async function upgradeWebSocket2(c, next) {
        const result = await handler(c, await createEvents(c), options);
        if (result) return result;
        await next();
      };
    } else {
      const [c, events, options] = args;
      return (async () => {
        const upgraded = await handler(c, events, options);
        if (!upgraded) throw new Error("Failed to upgrade WebSocket");
        return upgraded;
      })();
    }
  });
};

// node_modules/@hono/node-server/dist/index.mjs
var RequestError = class extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "RequestError";
  }
};
var nonJoinedHeaders = /* @__PURE__ */ new Set([
  "age",
  "authorization",
  "content-length",
  "content-type",
  "etag",
  "expires",
  "from",
  "host",
  "if-modified-since",
  "if-unmodified-since",
  "last-modified",
  "location",
  "max-forwards",
  "proxy-authorization",
  "referer",
  "retry-after",
  "server",
  "user-agent"
]);
var validHeaderName = /^[!#$%&'*+\-.^_`|~\dA-Za-z]+$/;
var isHttpWhitespace = (code2) => code2 === 9 || code2 === 10 || code2 === 13 || code2 === 32;
var normalizeHeaderValue = (value) => {
  if (!isHttpWhitespace(value.charCodeAt(0)) && !isHttpWhitespace(value.charCodeAt(value.length - 1))) return value;
  let start = 0;
  let end = value.length;
  while (start < end && isHttpWhitespace(value.charCodeAt(start))) start++;
  while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end--;
  return value.slice(start, end);
};
var forbiddenHeaderValue = /[\0\r\n]/;
var GlobalHeaders = globalThis.Headers;
var materializeHeaders = (rawHeaders, HeadersCtor = GlobalHeaders) => {
  const headers = new HeadersCtor();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    if (!name.startsWith(":")) headers.append(name, rawHeaders[i + 1]);
  }
  return headers;
};
var RequestHeaders = class {
  #incoming;
  #rawHeaders;
  #headers;
  #invalidValue;
  constructor(incoming) {
    this.#incoming = incoming;
    if (incoming instanceof Http2ServerRequest) this.#rawHeaders = incoming.rawHeaders.slice();
  }
  get #lazyRawHeaders() {
    return this.#rawHeaders ??= this.#incoming.rawHeaders.slice();
  }
  get #native() {
    if (!this.#headers) {
      this.#headers = materializeHeaders(this.#lazyRawHeaders);
      this.#rawHeaders = void 0;
    }
    return this.#headers;
  }
  #normalizedName(name) {
    if (typeof name !== "string") return;
    if (!validHeaderName.test(name)) throw new TypeError(`Invalid header name: ${name}`);
    return name.toLowerCase();
  }
  #lookupHttp1(lowerName) {
    const headers = this.#incoming instanceof Http2ServerRequest ? void 0 : this.#incoming.headers;
    if (!headers || nonJoinedHeaders.has(lowerName) || lowerName === "set-cookie" || lowerName === "__proto__") return;
    if (!Object.hasOwn(headers, lowerName)) return null;
    const rawValue = headers[lowerName];
    if (typeof rawValue === "string") {
      const value = normalizeHeaderValue(rawValue);
      return forbiddenHeaderValue.test(value) ? void 0 : value;
    }
  }
  #lookup(rawHeaders, lowerName) {
    const separator = lowerName === "cookie" ? "; " : ", ";
    let value = null;
    for (let i = 0; i < rawHeaders.length; i += 2) {
      const rawName = rawHeaders[i];
      if (rawName.length === lowerName.length && rawName.toLowerCase() === lowerName) {
        const rawValue = normalizeHeaderValue(rawHeaders[i + 1]);
        if (forbiddenHeaderValue.test(rawValue)) {
          this.#invalidValue = true;
          return;
        }
        value = value === null ? rawValue : value + separator + rawValue;
      }
    }
    return value;
  }
  append(name, value) {
    this.#native.append(name, value);
  }
  delete(name) {
    this.#native.delete(name);
  }
  get(name) {
    const lowerName = this.#normalizedName(name);
    if (lowerName && !this.#headers && !this.#invalidValue) {
      const http1Value = this.#lookupHttp1(lowerName);
      if (http1Value !== void 0) return http1Value;
      const value = this.#lookup(this.#lazyRawHeaders, lowerName);
      if (value !== void 0) return value;
    }
    return this.#native.get(name);
  }
  has(name) {
    const lowerName = this.#normalizedName(name);
    if (lowerName && !this.#headers && !this.#invalidValue) {
      const http1Value = this.#lookupHttp1(lowerName);
      if (http1Value !== void 0) return http1Value !== null;
      const value = this.#lookup(this.#lazyRawHeaders, lowerName);
      if (value !== void 0) return value !== null;
    }
    return this.#native.has(name);
  }
  set(name, value) {
    this.#native.set(name, value);
  }
  getSetCookie() {
    return this.#native.getSetCookie();
  }
  keys() {
    return this.#native.keys();
  }
  values() {
    return this.#native.values();
  }
  entries() {
    return this.#native.entries();
  }
  forEach(callback, thisArg) {
    this.#native.forEach((value, key) => {
      callback.call(thisArg, value, key, this);
    });
  }
  [Symbol.iterator]() {
    return this.entries();
  }
};
Object.defineProperty(RequestHeaders.prototype, /* @__PURE__ */ Symbol.for("nodejs.util.inspect.custom"), { value: function(depth, options, inspectFn) {
  return `Headers (lightweight) ${inspectFn(Object.fromEntries(this), {
    ...options,
    depth: depth == null ? null : depth - 1
  })}`;
} });
Object.setPrototypeOf(RequestHeaders.prototype, GlobalHeaders.prototype);
var newHeadersFromIncoming = (incoming) => globalThis.Headers === GlobalHeaders ? new RequestHeaders(incoming) : materializeHeaders(incoming.rawHeaders, globalThis.Headers);
var reValidRequestUrl = /^\/[!#$&-;=?-\[\]_a-z~]*$/;
var reDotSegment = /\/\.\.?(?:[/?#]|$)/;
var reValidHost = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;
var validateRequestTarget = (target) => {
  const backslash = target.indexOf("\\");
  if (backslash !== -1) {
    const query = target.indexOf("?");
    if (query === -1 || backslash < query) throw new RequestError("Backslash in request path");
  }
};
var buildUrl = (scheme, host, incomingUrl) => {
  const url = `${scheme}://${host}${incomingUrl}`;
  if (!reValidHost.test(host)) {
    validateRequestTarget(incomingUrl);
    const urlObj = new URL(url);
    if (urlObj.hostname.length !== host.length && urlObj.hostname !== (host.includes(":") ? host.replace(/:\d+$/, "") : host).toLowerCase()) throw new RequestError("Invalid host header");
    return urlObj.href;
  } else if (incomingUrl.length === 0) return url + "/";
  else {
    if (incomingUrl.charCodeAt(0) !== 47) throw new RequestError("Invalid URL");
    if (!reValidRequestUrl.test(incomingUrl) || reDotSegment.test(incomingUrl)) {
      validateRequestTarget(incomingUrl);
      return new URL(url).href;
    }
    return url;
  }
};
var toRequestError = (e) => {
  if (e instanceof RequestError) return e;
  return new RequestError(e.message, { cause: e });
};
var GlobalRequest = global.Request;
var Request$1 = class extends GlobalRequest {
  constructor(input, options) {
    if (typeof input === "object" && getRequestCache in input) {
      const hasReplacementBody = options !== void 0 && "body" in options && options.body != null;
      if (input[bodyConsumedDirectlyKey] && !hasReplacementBody) throw new TypeError("Cannot construct a Request with a Request object that has already been used.");
      input = input[getRequestCache]();
    }
    if (typeof options?.body?.getReader !== "undefined") options.duplex ??= "half";
    super(input, options);
  }
};
var wrapBodyStream = /* @__PURE__ */ Symbol("wrapBodyStream");
var byteExactEncodings = /* @__PURE__ */ new Set([
  "latin1",
  "binary",
  "hex",
  "base64",
  "base64url"
]);
var isByteExactEncoding = (encoding) => encoding === null || byteExactEncodings.has(encoding);
var bodyBufferedBeforeDisconnectKey = /* @__PURE__ */ Symbol("bodyBufferedBeforeDisconnect");
var bodyBufferedLengthBeforeDisconnectKey = /* @__PURE__ */ Symbol("bodyBufferedLengthBeforeDisconnect");
var toBufferChunk = (chunk, encoding) => Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding ?? "utf8");
var isRecoverableDisconnectedIncoming = (incoming) => !(incoming instanceof Http2ServerRequest) && !!incoming.complete && !!incoming.readableAborted && typeof incoming.read === "function" && isByteExactEncoding(incoming.readableEncoding);
var recordBodyBufferedBeforeDisconnect = (incoming) => {
  if (incoming.readableDidRead || !isRecoverableDisconnectedIncoming(incoming)) return;
  const incomingWithRecovery = incoming;
  incomingWithRecovery[bodyBufferedLengthBeforeDisconnectKey] ??= incoming.readableLength;
};
var readBodyBufferedBeforeDisconnect = (incoming, chunks) => {
  if (incoming.readableDidRead && !chunks || !isRecoverableDisconnectedIncoming(incoming)) return;
  const incomingWithRecovery = incoming;
  if (incomingWithRecovery[bodyBufferedBeforeDisconnectKey] !== void 0) return incomingWithRecovery[bodyBufferedBeforeDisconnectKey];
  let result;
  const errored = incoming.errored;
  if (errored && errored.code !== "ECONNRESET") result = errored;
  else if (incomingWithRecovery[bodyBufferedLengthBeforeDisconnectKey] !== void 0 && incoming.readableLength !== incomingWithRecovery[bodyBufferedLengthBeforeDisconnectKey]) result = newBodyUnusableError();
  else {
    const bodyChunks = chunks ?? [];
    const chunk = incoming.read();
    if (chunk !== null) bodyChunks.push(toBufferChunk(chunk, incoming.readableEncoding));
    const buffer = bodyChunks.length === 1 ? bodyChunks[0] : Buffer.concat(bodyChunks);
    result = buffer;
    const contentLength = incoming.headers["content-length"];
    if (typeof contentLength === "string" && /^\d+$/.test(contentLength)) {
      const expectedLength = Number(contentLength);
      if (Number.isSafeInteger(expectedLength) && buffer.length !== expectedLength) result = newBodyUnusableError();
    }
  }
  incomingWithRecovery[bodyBufferedBeforeDisconnectKey] = result;
  return result;
};
var enqueueBufferedBody = (controller, buffered) => {
  if (buffered instanceof Error) {
    controller.error(buffered);
    return;
  }
  if (buffered.length > 0) controller.enqueue(buffered);
  controller.close();
};
var newRequestFromIncoming = (method, url, headers, incoming, abortController) => {
  const init = {
    method,
    headers,
    signal: abortController.signal
  };
  if (method === "TRACE") {
    init.method = "GET";
    const req = new Request$1(url, init);
    Object.defineProperty(req, "method", { get() {
      return "TRACE";
    } });
    return req;
  }
  if (!(method === "GET" || method === "HEAD")) if ("rawBody" in incoming && incoming.rawBody instanceof Buffer) init.body = new ReadableStream({ start(controller) {
    controller.enqueue(incoming.rawBody);
    controller.close();
  } });
  else if (incoming[wrapBodyStream]) {
    let reader;
    init.body = new ReadableStream({ async pull(controller) {
      try {
        if (!reader) {
          const buffered = readBodyBufferedBeforeDisconnect(incoming);
          if (buffered !== void 0) {
            enqueueBufferedBody(controller, buffered);
            return;
          }
        }
        reader ||= Readable.toWeb(incoming).getReader();
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(error);
      }
    } });
  } else {
    const buffered = readBodyBufferedBeforeDisconnect(incoming);
    if (buffered !== void 0) init.body = new ReadableStream({ start(controller) {
      enqueueBufferedBody(controller, buffered);
    } });
    else init.body = Readable.toWeb(incoming);
  }
  return new Request$1(url, init);
};
var getRequestCache = /* @__PURE__ */ Symbol("getRequestCache");
var requestCache = /* @__PURE__ */ Symbol("requestCache");
var incomingKey = /* @__PURE__ */ Symbol("incomingKey");
var urlKey = /* @__PURE__ */ Symbol("urlKey");
var methodKey = /* @__PURE__ */ Symbol("methodKey");
var headersKey = /* @__PURE__ */ Symbol("headersKey");
var abortControllerKey = /* @__PURE__ */ Symbol("abortControllerKey");
var getAbortController = /* @__PURE__ */ Symbol("getAbortController");
var abortRequest = /* @__PURE__ */ Symbol("abortRequest");
var bodyBufferKey = /* @__PURE__ */ Symbol("bodyBuffer");
var bodyReadPromiseKey = /* @__PURE__ */ Symbol("bodyReadPromise");
var bodyConsumedDirectlyKey = /* @__PURE__ */ Symbol("bodyConsumedDirectly");
var bodyLockReaderKey = /* @__PURE__ */ Symbol("bodyLockReader");
var abortReasonKey = /* @__PURE__ */ Symbol("abortReason");
var newBodyUnusableError = () => {
  return /* @__PURE__ */ new TypeError("Body is unusable");
};
var rejectBodyUnusable = () => {
  return Promise.reject(newBodyUnusableError());
};
var textDecoder = new TextDecoder();
var consumeBodyDirectOnce = (request) => {
  if (request[bodyConsumedDirectlyKey]) return rejectBodyUnusable();
  request[bodyConsumedDirectlyKey] = true;
};
var toArrayBuffer = (buf) => {
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
};
var contentType = (request) => {
  return (request[headersKey] ||= newHeadersFromIncoming(request[incomingKey])).get("content-type") || "";
};
var methodTokenRegExp = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
var normalizeIncomingMethod = (method) => {
  if (typeof method !== "string" || method.length === 0) return "GET";
  switch (method) {
    case "DELETE":
    case "GET":
    case "HEAD":
    case "OPTIONS":
    case "PATCH":
    case "POST":
    case "PUT":
    case "QUERY":
      return method;
  }
  const upper = method.toUpperCase();
  switch (upper) {
    case "DELETE":
    case "GET":
    case "HEAD":
    case "OPTIONS":
    case "POST":
    case "PUT":
      return upper;
    default:
      return method;
  }
};
var validateDirectReadMethod = (method) => {
  if (!methodTokenRegExp.test(method)) return /* @__PURE__ */ new TypeError(`'${method}' is not a valid HTTP method.`);
  const normalized = method.toUpperCase();
  if (normalized === "CONNECT" || normalized === "TRACK" || normalized === "TRACE" && method !== "TRACE") return /* @__PURE__ */ new TypeError(`'${method}' HTTP method is unsupported.`);
};
var readBodyWithFastPath = (request, method, fromBuffer) => {
  if (request[bodyConsumedDirectlyKey]) return rejectBodyUnusable();
  const methodName = request.method;
  if (methodName === "GET" || methodName === "HEAD") return request[getRequestCache]()[method]();
  const methodValidationError = validateDirectReadMethod(methodName);
  if (methodValidationError) return Promise.reject(methodValidationError);
  if (request[requestCache]) {
    if (methodName !== "TRACE") return request[requestCache][method]();
  }
  const alreadyUsedError = consumeBodyDirectOnce(request);
  if (alreadyUsedError) return alreadyUsedError;
  const raw2 = readRawBodyIfAvailable(request);
  if (raw2) {
    const result = Promise.resolve(fromBuffer(raw2, request));
    request[bodyBufferKey] = void 0;
    return result;
  }
  return readBodyDirect(request).then((buf) => {
    const result = fromBuffer(buf, request);
    request[bodyBufferKey] = void 0;
    return result;
  });
};
var readRawBodyIfAvailable = (request) => {
  const incoming = request[incomingKey];
  if ("rawBody" in incoming && incoming.rawBody instanceof Buffer) return incoming.rawBody;
};
var normalizeAbortError = (request, incoming) => {
  if (incoming.errored) return incoming.errored;
  const reason = request[abortReasonKey];
  if (reason !== void 0) return reason instanceof Error ? reason : new Error(String(reason));
  return /* @__PURE__ */ new Error("Client connection prematurely closed.");
};
var readBodyDirect = (request) => {
  if (request[bodyBufferKey]) return Promise.resolve(request[bodyBufferKey]);
  if (request[bodyReadPromiseKey]) return request[bodyReadPromiseKey];
  const incoming = request[incomingKey];
  if (incoming.readableDidRead) return rejectBodyUnusable();
  const buffered = readBodyBufferedBeforeDisconnect(incoming);
  if (buffered !== void 0) {
    if (buffered instanceof Error) return Promise.reject(buffered);
    request[bodyBufferKey] = buffered;
    return Promise.resolve(buffered);
  }
  const promise = new Promise((resolve, reject) => {
    const chunks = [];
    let settled = false;
    const finish = (callback) => {
      if (settled) return;
      settled = true;
      cleanup();
      callback();
    };
    const recoverCompleteBodyAfterDisconnect = (error) => {
      const streamError = incoming.errored ?? error;
      if (!isRecoverableDisconnectedIncoming(incoming) || streamError && streamError.code !== "ECONNRESET") return false;
      finish(() => {
        const recovered = readBodyBufferedBeforeDisconnect(incoming, chunks);
        if (recovered instanceof Error) reject(recovered);
        else if (recovered === void 0) reject(error ?? normalizeAbortError(request, incoming));
        else {
          request[bodyBufferKey] = recovered;
          resolve(recovered);
        }
      });
      return true;
    };
    const onData = (chunk) => {
      chunks.push(toBufferChunk(chunk, incoming.readableEncoding));
    };
    const onEnd = () => {
      finish(() => {
        const buffer = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
        request[bodyBufferKey] = buffer;
        resolve(buffer);
      });
    };
    const onError = (error) => {
      if (recoverCompleteBodyAfterDisconnect(error)) return;
      finish(() => {
        reject(error);
      });
    };
    const onClose = () => {
      if (incoming.readableEnded) {
        onEnd();
        return;
      }
      if (recoverCompleteBodyAfterDisconnect()) return;
      finish(() => {
        reject(normalizeAbortError(request, incoming));
      });
    };
    const cleanup = () => {
      incoming.off("data", onData);
      incoming.off("end", onEnd);
      incoming.off("error", onError);
      incoming.off("close", onClose);
      request[bodyReadPromiseKey] = void 0;
    };
    incoming.on("data", onData);
    incoming.on("end", onEnd);
    incoming.on("error", onError);
    incoming.on("close", onClose);
    queueMicrotask(() => {
      if (settled) return;
      if (incoming.readableEnded) onEnd();
      else if (incoming.errored) onError(incoming.errored);
      else if (incoming.destroyed) onClose();
    });
  });
  request[bodyReadPromiseKey] = promise;
  return promise;
};
var requestPrototype = {
  get method() {
    return this[methodKey];
  },
  get url() {
    return this[urlKey];
  },
  get headers() {
    return this[headersKey] ||= newHeadersFromIncoming(this[incomingKey]);
  },
  [abortRequest](reason) {
    if (this[abortReasonKey] === void 0) this[abortReasonKey] = reason;
    const abortController = this[abortControllerKey];
    if (abortController && !abortController.signal.aborted) abortController.abort(reason);
  },
  [getAbortController]() {
    this[abortControllerKey] ||= new AbortController();
    if (this[abortReasonKey] !== void 0 && !this[abortControllerKey].signal.aborted) this[abortControllerKey].abort(this[abortReasonKey]);
    return this[abortControllerKey];
  },
  [getRequestCache]() {
    const abortController = this[getAbortController]();
    if (this[requestCache]) return this[requestCache];
    const method = this.method;
    if (this[bodyConsumedDirectlyKey] && !(method === "GET" || method === "HEAD")) {
      this[bodyBufferKey] = void 0;
      const init = {
        method: method === "TRACE" ? "GET" : method,
        headers: this.headers,
        signal: abortController.signal
      };
      if (method !== "TRACE") {
        init.body = new ReadableStream({ start(c) {
          c.close();
        } });
        init.duplex = "half";
      }
      const req = new Request$1(this[urlKey], init);
      if (method === "TRACE") Object.defineProperty(req, "method", { get() {
        return "TRACE";
      } });
      return this[requestCache] = req;
    }
    return this[requestCache] = newRequestFromIncoming(this.method, this[urlKey], this.headers, this[incomingKey], abortController);
  },
  get body() {
    if (!this[bodyConsumedDirectlyKey]) return this[getRequestCache]().body;
    const request = this[getRequestCache]();
    if (!this[bodyLockReaderKey] && request.body) this[bodyLockReaderKey] = request.body.getReader();
    return request.body;
  },
  get bodyUsed() {
    if (this[bodyConsumedDirectlyKey]) return true;
    if (this[requestCache]) return this[requestCache].bodyUsed;
    return false;
  }
};
Object.defineProperty(requestPrototype, "signal", { get() {
  return this[getAbortController]().signal;
} });
[
  "cache",
  "credentials",
  "destination",
  "duplex",
  "integrity",
  "mode",
  "redirect",
  "referrer",
  "referrerPolicy",
  "keepalive"
].forEach((k) => {
  Object.defineProperty(requestPrototype, k, { get() {
    return this[getRequestCache]()[k];
  } });
});
["clone", "formData"].forEach((k) => {
  Object.defineProperty(requestPrototype, k, { value: function() {
    if (this[bodyConsumedDirectlyKey]) {
      if (k === "clone") throw newBodyUnusableError();
      return rejectBodyUnusable();
    }
    return this[getRequestCache]()[k]();
  } });
});
Object.defineProperty(requestPrototype, "text", { value: function() {
  return readBodyWithFastPath(this, "text", (buf) => textDecoder.decode(buf));
} });
Object.defineProperty(requestPrototype, "arrayBuffer", { value: function() {
  return readBodyWithFastPath(this, "arrayBuffer", (buf) => toArrayBuffer(buf));
} });
Object.defineProperty(requestPrototype, "blob", { value: function() {
  return readBodyWithFastPath(this, "blob", (buf, request) => {
    const type = contentType(request);
    const init = type ? { headers: { "content-type": type } } : void 0;
    return new Response(buf, init).blob();
  });
} });
Object.defineProperty(requestPrototype, "json", { value: function() {
  if (this[bodyConsumedDirectlyKey]) return rejectBodyUnusable();
  return this.text().then(JSON.parse);
} });
Object.defineProperty(requestPrototype, /* @__PURE__ */ Symbol.for("nodejs.util.inspect.custom"), { value: function(depth, options, inspectFn) {
  return `Request (lightweight) ${inspectFn({
    method: this.method,
    url: this.url,
    headers: this.headers,
    nativeRequest: this[requestCache]
  }, {
    ...options,
    depth: depth == null ? null : depth - 1
  })}`;
} });
Object.setPrototypeOf(requestPrototype, Request$1.prototype);
var newRequest = (incoming, defaultHostname) => {
  const req = Object.create(requestPrototype);
  req[incomingKey] = incoming;
  req[methodKey] = normalizeIncomingMethod(incoming.method);
  const incomingUrl = incoming.url || "";
  if (incomingUrl[0] !== "/" && (incomingUrl.startsWith("http://") || incomingUrl.startsWith("https://"))) {
    if (incoming instanceof Http2ServerRequest) throw new RequestError("Absolute URL for :path is not allowed in HTTP/2");
    try {
      validateRequestTarget(incomingUrl);
      req[urlKey] = new URL(incomingUrl).href;
    } catch (e) {
      throw new RequestError("Invalid absolute URL", { cause: e });
    }
    return req;
  }
  const host = (incoming instanceof Http2ServerRequest ? incoming.authority : incoming.headers.host) || defaultHostname;
  if (!host) throw new RequestError("Missing host header");
  let scheme;
  if (incoming instanceof Http2ServerRequest) {
    scheme = incoming.scheme;
    if (!(scheme === "http" || scheme === "https")) throw new RequestError("Unsupported scheme");
  } else scheme = incoming.socket && incoming.socket.encrypted ? "https" : "http";
  try {
    req[urlKey] = buildUrl(scheme, host, incomingUrl);
  } catch (e) {
    if (e instanceof RequestError) throw e;
    else throw new RequestError("Invalid URL", { cause: e });
  }
  return req;
};
var defaultContentType = "text/plain; charset=UTF-8";
var responseCache = /* @__PURE__ */ Symbol("responseCache");
var getResponseCache = /* @__PURE__ */ Symbol("getResponseCache");
var cacheKey = /* @__PURE__ */ Symbol("cache");
var GlobalResponse = global.Response;
var Response$1 = class Response$12 {
  #body;
  #init;
  [getResponseCache]() {
    const cache = this[cacheKey];
    const liveHeaders = cache && cache[2] instanceof Headers ? cache[2] : void 0;
    delete this[cacheKey];
    return this[responseCache] ||= new GlobalResponse(this.#body, liveHeaders ? {
      status: this.#init?.status,
      statusText: this.#init?.statusText,
      headers: liveHeaders
    } : this.#init);
  }
  constructor(body, init) {
    let headers;
    this.#body = body;
    if (init instanceof GlobalResponse) {
      const cachedGlobalResponse = init[responseCache];
      if (cachedGlobalResponse) {
        this.#init = cachedGlobalResponse;
        this[getResponseCache]();
        return;
      }
      this.#init = init instanceof Response$12 ? init.#init : init;
      headers = new Headers(init.headers);
    } else this.#init = init;
    if (body == null || typeof body === "string" || typeof body?.getReader !== "undefined" || body instanceof Blob || body instanceof Uint8Array) this[cacheKey] = [
      init?.status || 200,
      body ?? null,
      headers || init?.headers
    ];
  }
  get headers() {
    const cache = this[cacheKey];
    if (cache) {
      if (!(cache[2] instanceof Headers)) cache[2] = new Headers(cache[2] || (cache[1] === null ? void 0 : { "content-type": defaultContentType }));
      return cache[2];
    }
    return this[getResponseCache]().headers;
  }
  get status() {
    return this[cacheKey]?.[0] ?? this[getResponseCache]().status;
  }
  get ok() {
    const status = this.status;
    return status >= 200 && status < 300;
  }
};
[
  "body",
  "bodyUsed",
  "redirected",
  "statusText",
  "trailers",
  "type",
  "url"
].forEach((k) => {
  Object.defineProperty(Response$1.prototype, k, { get() {
    return this[getResponseCache]()[k];
  } });
});
[
  "arrayBuffer",
  "blob",
  "clone",
  "formData",
  "json",
  "text"
].forEach((k) => {
  Object.defineProperty(Response$1.prototype, k, { value: function() {
    return this[getResponseCache]()[k]();
  } });
});
Object.defineProperty(Response$1.prototype, /* @__PURE__ */ Symbol.for("nodejs.util.inspect.custom"), { value: function(depth, options, inspectFn) {
  return `Response (lightweight) ${inspectFn({
    status: this.status,
    headers: this.headers,
    ok: this.ok,
    nativeResponse: this[responseCache]
  }, {
    ...options,
    depth: depth == null ? null : depth - 1
  })}`;
} });
Object.setPrototypeOf(Response$1, GlobalResponse);
Object.setPrototypeOf(Response$1.prototype, GlobalResponse.prototype);
var validRedirectUrl = /^https?:\/\/[!#-;=?-[\]_a-z~A-Z]+$/;
var parseRedirectUrl = (url) => {
  if (url instanceof URL) return url.href;
  if (validRedirectUrl.test(url)) return url;
  return new URL(url).href;
};
var validRedirectStatuses = /* @__PURE__ */ new Set([
  301,
  302,
  303,
  307,
  308
]);
Object.defineProperty(Response$1, "redirect", {
  value: function redirect(url, status = 302) {
    if (!validRedirectStatuses.has(status)) throw new RangeError("Invalid status code");
    return new Response$1(null, {
      status,
      headers: { location: parseRedirectUrl(url) }
    });
  },
  writable: true,
  configurable: true
});
Object.defineProperty(Response$1, "json", {
  value: function json(data, init) {
    const body = JSON.stringify(data);
    if (body === void 0) throw new TypeError("The data is not JSON serializable");
    const initHeaders = init?.headers;
    let headers;
    if (initHeaders) {
      headers = new Headers(initHeaders);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    } else headers = { "content-type": "application/json" };
    return new Response$1(body, {
      status: init?.status ?? 200,
      statusText: init?.statusText,
      headers
    });
  },
  writable: true,
  configurable: true
});
async function readWithoutBlocking(readPromise) {
  return Promise.race([readPromise, Promise.resolve().then(() => Promise.resolve(void 0))]);
}
function writeFromReadableStreamDefaultReader(reader, writable, currentReadPromise) {
  const cancel = (error) => {
    reader.cancel(error).catch(() => {
    });
  };
  const stream = writable.stream;
  if (writable.destroyed || stream?.closed || stream?.destroyed) {
    cancel();
    return reader.closed;
  }
  writable.on("close", cancel);
  writable.on("error", cancel);
  (currentReadPromise ?? reader.read()).then(flow, handleStreamError);
  return reader.closed.finally(() => {
    writable.off("close", cancel);
    writable.off("error", cancel);
  });
  function handleStreamError(error) {
    if (error) writable.destroy(error);
  }
  function onDrain() {
    reader.read().then(flow, handleStreamError);
  }
  function flow({ done, value }) {
    try {
      if (done) writable.end();
      else if (!writable.write(value)) writable.once("drain", onDrain);
      else reader.read().then(flow, handleStreamError);
    } catch (e) {
      handleStreamError(e);
    }
  }
}
function writeFromReadableStream(stream, writable) {
  if (stream.locked) throw new TypeError("ReadableStream is locked.");
  else if (writable.destroyed) {
    stream.cancel().catch(() => {
    });
    return;
  }
  return writeFromReadableStreamDefaultReader(stream.getReader(), writable);
}
var buildOutgoingHttpHeaders = (headers, defaultContentType2) => {
  const res = {};
  if (!(headers instanceof Headers)) headers = new Headers(headers ?? void 0);
  if (headers.has("set-cookie")) {
    const cookies = [];
    for (const [k, v] of headers) if (k === "set-cookie") cookies.push(v);
    else res[k] = v;
    if (cookies.length > 0) res["set-cookie"] = cookies;
  } else for (const [k, v] of headers) res[k] = v;
  if (defaultContentType2) res["content-type"] ??= defaultContentType2;
  return res;
};
var outgoingEnded = /* @__PURE__ */ Symbol("outgoingEnded");
var incomingDraining = /* @__PURE__ */ Symbol("incomingDraining");
var DRAIN_TIMEOUT_MS = 500;
var MAX_DRAIN_BYTES = 64 * 1024 * 1024;
var drainIncoming = (incoming) => {
  const incomingWithDrainState = incoming;
  if (incoming.destroyed || incomingWithDrainState[incomingDraining]) return;
  incomingWithDrainState[incomingDraining] = true;
  if (incoming instanceof Http2ServerRequest) {
    try {
      incoming.stream?.close?.(constants.NGHTTP2_NO_ERROR);
    } catch {
    }
    return;
  }
  let bytesRead = 0;
  const cleanup = () => {
    clearTimeout(timer);
    incoming.off("data", onData);
    incoming.off("end", cleanup);
    incoming.off("error", cleanup);
  };
  const forceClose = () => {
    cleanup();
    const socket = incoming.socket;
    if (socket && !socket.destroyed) {
      if (typeof socket.destroySoon === "function") socket.destroySoon();
      else if (typeof socket.destroy === "function") socket.destroy();
    }
  };
  const timer = setTimeout(forceClose, DRAIN_TIMEOUT_MS);
  timer.unref?.();
  const onData = (chunk) => {
    bytesRead += chunk.length;
    if (bytesRead > MAX_DRAIN_BYTES) forceClose();
  };
  incoming.on("data", onData);
  incoming.on("end", cleanup);
  incoming.on("error", cleanup);
  incoming.resume();
};
var makeCloseHandler = (req, incoming, outgoing, needsBodyCleanup) => () => {
  if (incoming.errored) {
    recordBodyBufferedBeforeDisconnect(incoming);
    req[abortRequest](incoming.errored.toString());
  } else if (!outgoing.writableFinished || incoming instanceof Http2ServerRequest && incoming.aborted) {
    recordBodyBufferedBeforeDisconnect(incoming);
    req[abortRequest]("Client connection prematurely closed.");
  }
  if (needsBodyCleanup && !incoming.readableEnded) setTimeout(() => {
    if (!incoming.readableEnded) setTimeout(() => {
      drainIncoming(incoming);
    });
  });
};
var isImmediateCacheableResponse = (res) => {
  if (!(cacheKey in res)) return false;
  const body = res[cacheKey][1];
  return body === null || typeof body === "string" || body instanceof Uint8Array;
};
var handleRequestError = () => new Response(null, { status: 400 });
var handleFetchError = (e) => new Response(null, { status: e instanceof Error && (e.name === "TimeoutError" || e.constructor.name === "TimeoutError") ? 504 : 500 });
var handleResponseError = (e, outgoing) => {
  const err = e instanceof Error ? e : new Error("unknown error", { cause: e });
  if (err.code === "ERR_STREAM_PREMATURE_CLOSE") console.info("The user aborted a request.");
  else {
    console.error(e);
    if (!outgoing.headersSent) {
      if (outgoing instanceof ServerResponse) outgoing._contentLength = null;
      outgoing.writeHead(500, { "Content-Type": "text/plain" });
    }
    outgoing.end(`Error: ${err.message}`);
    outgoing.destroy(err);
  }
};
var flushHeaders = (outgoing) => {
  if ("flushHeaders" in outgoing && outgoing.writable) outgoing.flushHeaders();
};
var trySetContentLength = (outgoing, status, length) => {
  const http1 = outgoing;
  if (http1._contentLength === null && http1._hasBody && http1.useChunkedEncodingByDefault && !http1._removedContLen && status >= 200 && status !== 204 && status !== 304 && !outgoing.hasHeader("content-length") && !outgoing.hasHeader("transfer-encoding") && !outgoing.hasHeader("trailer")) {
    http1._contentLength = length;
    return true;
  }
  return false;
};
var writeDefaultHeaders = (outgoing, status, length) => {
  if (trySetContentLength(outgoing, status, length)) outgoing.writeHead(status, { "Content-Type": defaultContentType });
  else outgoing.writeHead(status, {
    "Content-Type": defaultContentType,
    "Content-Length": length
  });
};
var responseViaCache = async (res, outgoing) => {
  let [status, body, header] = res[cacheKey];
  if (!header) {
    if (body === null) {
      outgoing.writeHead(status);
      outgoing.end();
    } else if (typeof body === "string") {
      writeDefaultHeaders(outgoing, status, Buffer.byteLength(body));
      outgoing.end(body);
    } else if (body instanceof Uint8Array) {
      writeDefaultHeaders(outgoing, status, body.byteLength);
      outgoing.end(body);
    } else if (body instanceof Blob) {
      writeDefaultHeaders(outgoing, status, body.size);
      outgoing.end(new Uint8Array(await body.arrayBuffer()));
    } else {
      outgoing.writeHead(status, { "Content-Type": defaultContentType });
      flushHeaders(outgoing);
      await writeFromReadableStream(body, outgoing)?.catch((e) => handleResponseError(e, outgoing));
    }
    outgoing[outgoingEnded]?.();
    return;
  }
  let hasContentLength = false;
  let plainHeaders = false;
  let canAutoLength = true;
  if (header instanceof Headers) {
    hasContentLength = header.has("content-length");
    header = buildOutgoingHttpHeaders(header, body === null ? void 0 : defaultContentType);
  } else if (Array.isArray(header)) {
    const headerObj = new Headers(header);
    hasContentLength = headerObj.has("content-length");
    header = buildOutgoingHttpHeaders(headerObj, body === null ? void 0 : defaultContentType);
  } else {
    plainHeaders = true;
    for (const key in header) {
      if (key.length === 14 && key.toLowerCase() === "content-length") {
        hasContentLength = true;
        break;
      }
      if (key.length === 17 && key.toLowerCase() === "transfer-encoding" || key.length === 7 && key.toLowerCase() === "trailer") canAutoLength = false;
    }
  }
  if (!hasContentLength) {
    let length;
    if (typeof body === "string") length = Buffer.byteLength(body);
    else if (body instanceof Uint8Array) length = body.byteLength;
    else if (body instanceof Blob) length = body.size;
    if (length !== void 0 && (!plainHeaders || !canAutoLength || !trySetContentLength(outgoing, status, length))) {
      if (plainHeaders) header = { ...header };
      header["Content-Length"] = length;
    }
  }
  outgoing.writeHead(status, header);
  if (body == null) outgoing.end();
  else if (typeof body === "string" || body instanceof Uint8Array) outgoing.end(body);
  else if (body instanceof Blob) outgoing.end(new Uint8Array(await body.arrayBuffer()));
  else {
    flushHeaders(outgoing);
    await writeFromReadableStream(body, outgoing)?.catch((e) => handleResponseError(e, outgoing));
  }
  outgoing[outgoingEnded]?.();
};
var isPromise = (res) => typeof res.then === "function";
var responseViaResponseObject = async (res, outgoing, options = {}) => {
  if (isPromise(res)) if (options.errorHandler) try {
    res = await res;
  } catch (err) {
    const errRes = await options.errorHandler(err);
    if (!errRes) return;
    res = errRes;
  }
  else res = await res.catch(handleFetchError);
  if (cacheKey in res) return responseViaCache(res, outgoing);
  const resHeaderRecord = buildOutgoingHttpHeaders(res.headers, res.body === null ? void 0 : defaultContentType);
  if (res.body) {
    const reader = res.body.getReader();
    const values = [];
    let done = false;
    let currentReadPromise = void 0;
    if (resHeaderRecord["transfer-encoding"] !== "chunked") {
      let maxReadCount = 2;
      for (let i = 0; i < maxReadCount; i++) {
        currentReadPromise ||= reader.read();
        const chunk = await readWithoutBlocking(currentReadPromise);
        if (!chunk) {
          if (i === 1) {
            await new Promise((resolve) => setTimeout(resolve));
            maxReadCount = 3;
            continue;
          }
          break;
        }
        currentReadPromise = void 0;
        if (chunk.value) values.push(chunk.value);
        if (chunk.done) {
          done = true;
          break;
        }
      }
      if (done && !("content-length" in resHeaderRecord)) resHeaderRecord["content-length"] = values.reduce((acc, value) => acc + value.length, 0);
    }
    outgoing.writeHead(res.status, resHeaderRecord);
    values.forEach((value) => {
      outgoing.write(value);
    });
    if (done) outgoing.end();
    else {
      if (values.length === 0) flushHeaders(outgoing);
      await writeFromReadableStreamDefaultReader(reader, outgoing, currentReadPromise);
    }
  } else if (resHeaderRecord[X_ALREADY_SENT]) {
  } else {
    outgoing.writeHead(res.status, resHeaderRecord);
    outgoing.end();
  }
  outgoing[outgoingEnded]?.();
};
var getRequestListener = (fetchCallback, options = {}) => {
  const autoCleanupIncoming = options.autoCleanupIncoming ?? true;
  if (options.overrideGlobalObjects !== false && global.Request !== Request$1) {
    Object.defineProperty(global, "Request", { value: Request$1 });
    Object.defineProperty(global, "Response", { value: Response$1 });
  }
  return async (incoming, outgoing) => {
    let res, req;
    let needsBodyCleanup = false;
    let closeHandlerAttached = false;
    const ensureCloseHandler = () => {
      if (!req || closeHandlerAttached) return;
      closeHandlerAttached = true;
      outgoing.on("close", makeCloseHandler(req, incoming, outgoing, needsBodyCleanup));
    };
    try {
      req = newRequest(incoming, options.hostname);
      needsBodyCleanup = autoCleanupIncoming && !(incoming.method === "GET" || incoming.method === "HEAD");
      if (needsBodyCleanup) {
        incoming[wrapBodyStream] = true;
        if (incoming instanceof Http2ServerRequest) outgoing[outgoingEnded] = () => {
          if (!incoming.readableEnded) setTimeout(() => {
            if (!incoming.readableEnded) setTimeout(() => {
              incoming.destroy();
              outgoing.destroy();
            });
          });
        };
      }
      res = fetchCallback(req, {
        incoming,
        outgoing
      });
      if (!isPromise(res) && isImmediateCacheableResponse(res)) {
        if (needsBodyCleanup && !incoming.readableEnded) outgoing.once("finish", () => {
          if (!incoming.readableEnded) drainIncoming(incoming);
        });
        return responseViaCache(res, outgoing);
      }
      ensureCloseHandler();
    } catch (e) {
      if (!res) if (options.errorHandler) {
        ensureCloseHandler();
        res = await options.errorHandler(req ? e : toRequestError(e));
        if (!res) return;
      } else if (!req) res = handleRequestError();
      else res = handleFetchError(e);
      else return handleResponseError(e, outgoing);
    }
    try {
      return await responseViaResponseObject(res, outgoing, options);
    } catch (e) {
      return handleResponseError(e, outgoing);
    }
  };
};
var CloseEvent = globalThis.CloseEvent ?? class extends Event {
  #eventInitDict;
  constructor(type, eventInitDict = {}) {
    super(type, eventInitDict);
    this.#eventInitDict = eventInitDict;
  }
  get wasClean() {
    return this.#eventInitDict.wasClean ?? false;
  }
  get code() {
    return this.#eventInitDict.code ?? 0;
  }
  get reason() {
    return this.#eventInitDict.reason ?? "";
  }
};
var ErrorEvent = globalThis.ErrorEvent ?? class extends Event {
  #eventInitDict;
  constructor(type, eventInitDict = {}) {
    super(type, eventInitDict);
    this.#eventInitDict = eventInitDict;
  }
  get message() {
    return this.#eventInitDict.message ?? "";
  }
  get filename() {
    return this.#eventInitDict.filename ?? "";
  }
  get lineno() {
    return this.#eventInitDict.lineno ?? 0;
  }
  get colno() {
    return this.#eventInitDict.colno ?? 0;
  }
  get error() {
    return this.#eventInitDict.error ?? null;
  }
};
var generateConnectionSymbol = () => /* @__PURE__ */ Symbol("connection");
var CONNECTION_SYMBOL_KEY = /* @__PURE__ */ Symbol("CONNECTION_SYMBOL_KEY");
var WAIT_FOR_WEBSOCKET_SYMBOL = /* @__PURE__ */ Symbol("WAIT_FOR_WEBSOCKET_SYMBOL");
var upgradeWebSocket = defineWebSocketHelper(async (c, events, options) => {
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") return;
  const env = c.env;
  const waitForWebSocket = env[WAIT_FOR_WEBSOCKET_SYMBOL];
  if (!waitForWebSocket || !env.incoming) return new Response(null, { status: 500 });
  const connectionSymbol = generateConnectionSymbol();
  env[CONNECTION_SYMBOL_KEY] = connectionSymbol;
  (async () => {
    let ws;
    try {
      ws = await waitForWebSocket(env.incoming, connectionSymbol);
    } catch {
      return;
    }
    const messagesReceivedInStarting = [];
    const bufferMessage = (data, isBinary) => {
      messagesReceivedInStarting.push([data, isBinary]);
    };
    ws.on("message", bufferMessage);
    const ctx = {
      binaryType: "arraybuffer",
      close(code2, reason) {
        ws.close(code2, reason);
      },
      protocol: ws.protocol,
      raw: ws,
      get readyState() {
        return ws.readyState;
      },
      send(source, opts) {
        ws.send(source, { compress: opts?.compress });
      },
      url: new URL(c.req.url)
    };
    try {
      events?.onOpen?.(new Event("open"), ctx);
    } catch (e) {
      (options?.onError ?? console.error)(e);
    }
    const handleMessage = (data, isBinary) => {
      const datas = Array.isArray(data) ? data : [data];
      for (const data2 of datas) try {
        events?.onMessage?.(new MessageEvent("message", { data: isBinary ? data2 instanceof ArrayBuffer ? data2 : data2.buffer.slice(data2.byteOffset, data2.byteOffset + data2.byteLength) : typeof data2 === "string" ? data2 : Buffer.from(data2).toString("utf-8") }), ctx);
      } catch (e) {
        (options?.onError ?? console.error)(e);
      }
    };
    ws.off("message", bufferMessage);
    for (const message of messagesReceivedInStarting) handleMessage(...message);
    ws.on("message", (data, isBinary) => {
      handleMessage(data, isBinary);
    });
    ws.on("close", (code2, reason) => {
      try {
        events?.onClose?.(new CloseEvent("close", {
          code: code2,
          reason: reason.toString()
        }), ctx);
      } catch (e) {
        (options?.onError ?? console.error)(e);
      }
    });
    ws.on("error", (error) => {
      try {
        events?.onError?.(new ErrorEvent("error", { error }), ctx);
      } catch (e) {
        (options?.onError ?? console.error)(e);
      }
    });
  })();
  return new Response();
});

// src/runtime/node/doh-serve.ts
import http22 from "node:http2";
var DOH_PATH = "/dns-query";
var isDnsMessage = (contentType2) => (contentType2 ?? "").split(";")[0].trim().toLowerCase() === DNS_MESSAGE;
function isDohTarget(url) {
  if (!url) return false;
  if (url.startsWith(DOH_PATH)) return url.length === DOH_PATH.length || url[DOH_PATH.length] === "?";
  return !url.startsWith("/") && url.includes(DOH_PATH) && URL.canParse(url) && new URL(url).pathname === DOH_PATH;
}
function serveDoh(doh, req, res) {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const request = {
    method: req.method ?? "GET",
    search: q < 0 ? "" : url.slice(q + 1),
    contentType: req.headers["content-type"],
    accept: req.headers.accept
  };
  const send = () => {
    const r = doh(request);
    const out = res;
    out.writeHead(r.status, r.headers);
    if (request.method === "HEAD") out.end();
    else out.end(r.body);
  };
  const isMessage = request.method === "POST" && isDnsMessage(request.contentType);
  if (!isMessage) {
    req.resume();
    return send();
  }
  const declared = req.headers["content-length"];
  if (declared !== void 0 && Number(declared) > DOH_MAX_MESSAGE) {
    request.body = "too-large";
    res.setHeader?.("connection", "close");
    return send();
  }
  readDohBody(req, (body) => {
    request.body = body;
    if (body === "too-large") res.setHeader?.("connection", "close");
    send();
  });
}
function readDohBody(source, done) {
  let first;
  let chunks;
  let size = 0;
  const onData = (chunk) => {
    size += chunk.length;
    if (size > DOH_MAX_MESSAGE) {
      source.off("data", onData);
      source.off("end", onEnd);
      return done("too-large");
    }
    if (first === void 0) first = chunk;
    else (chunks ??= [first]).push(chunk);
  };
  const onEnd = () => done(chunks ? Buffer.concat(chunks, size) : first ?? new Uint8Array(0));
  source.on("data", onData);
  source.on("end", onEnd);
  source.on("error", () => {
  });
}
function serveDohStream(doh, stream, headers) {
  const path = headers[":path"] ?? "/";
  const q = path.indexOf("?");
  const request = {
    method: headers[":method"] ?? "GET",
    search: q < 0 ? "" : path.slice(q + 1),
    contentType: headers["content-type"],
    accept: headers.accept
  };
  const send = () => {
    if (stream.destroyed || stream.headersSent) return;
    const r = doh(request);
    const head = { ":status": r.status, ...r.headers };
    if (request.method === "HEAD") return void stream.respond(head, { endStream: true });
    stream.respond(head);
    stream.end(r.body);
    if (request.body === "too-large") stream.close(http22.constants.NGHTTP2_NO_ERROR);
  };
  if (request.method !== "POST" || !isDnsMessage(request.contentType)) {
    stream.resume();
    return send();
  }
  const declared = headers["content-length"];
  if (declared !== void 0 && Number(declared) > DOH_MAX_MESSAGE) {
    request.body = "too-large";
    return send();
  }
  readDohBody(stream, (body) => {
    request.body = body;
    send();
  });
}

// src/runtime/node/http-server.ts
var H2_PREFACE = new TextEncoder().encode("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
function sniffProtocol(first) {
  const n = Math.min(first.length, H2_PREFACE.length);
  for (let i = 0; i < n; i++) if (first[i] !== H2_PREFACE[i]) return "http1";
  return first.length >= H2_PREFACE.length ? "h2" : "unknown";
}
var RAW_408 = "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
function timeOutSocket(socket, last) {
  if (socket.destroyed) return;
  if (last === void 0) socket.end();
  else socket.end(last);
  setTimeout(() => socket.destroy(), 1e3).unref();
}
var timeOut = (socket) => timeOutSocket(socket, RAW_408);
async function startHttpServer(options) {
  const { logger, idleTimeoutMs = 3e4, headersTimeoutMs = 1e4, requestTimeoutMs = 3e4, maxConcurrentStreams = 128, maxConnections = 1e4 } = options;
  const listener = getRequestListener((request) => options.fetch(request));
  const h1 = http.createServer({ keepAliveTimeout: Math.min(idleTimeoutMs, headersTimeoutMs) });
  const doh = options.doh;
  const handle = (req, res) => {
    if (doh && isDohTarget(req.url)) serveDoh(doh, req, res);
    else void listener(req, res);
  };
  const h2 = http23.createServer({ settings: { maxConcurrentStreams } });
  const sockets = /* @__PURE__ */ new Set();
  const sessions = /* @__PURE__ */ new Set();
  const open = /* @__PURE__ */ new WeakMap();
  const headerWait = new Deadlines(headersTimeoutMs, (socket) => {
    if (!open.get(socket)) timeOut(socket);
  });
  const bodyWait = new Deadlines(requestTimeoutMs, ([req, res]) => {
    if (req.complete || res.writableEnded || req.socket.destroyed) return;
    if (res.headersSent) return void req.socket.destroy();
    const socket = req.socket;
    res.writeHead(408, { connection: "close", "content-type": "text/plain", "content-length": "16" }).end("request timeout\n", () => timeOutSocket(socket));
  });
  const handshakeWait = new Deadlines(headersTimeoutMs, (raw2) => raw2.destroy());
  const streamWait = new BulkDeadlines(
    requestTimeoutMs,
    (stream) => stream.destroyed || stream.closed,
    (stream) => stream.close(http23.constants.NGHTTP2_CANCEL)
  );
  h1.on("request", (req, res) => {
    const socket = req.socket;
    headerWait.disarm(socket);
    open.set(socket, (open.get(socket) ?? 0) + 1);
    const entry = [req, res];
    bodyWait.arm(entry);
    res.once("close", () => {
      bodyWait.disarm(entry);
      const left = (open.get(socket) ?? 1) - 1;
      open.set(socket, left);
      if (left === 0 && !socket.destroyed) headerWait.arm(socket);
    });
    handle(req, res);
  });
  h2.on("stream", (stream, headers, _flags, rawHeaders) => {
    stream.on("error", (e) => logger.debug({ err: e }, "http/2: stream error"));
    streamWait.add(stream);
    if (doh && isDohTarget(headers[":path"])) return serveDohStream(doh, stream, headers);
    const req = new http23.Http2ServerRequest(stream, headers, {}, rawHeaders);
    void listener(req, new http23.Http2ServerResponse(stream));
  });
  h2.on("sessionError", (e) => logger.debug({ err: e }, "http/2: session error"));
  h2.on("session", (session) => {
    sessions.add(session);
    session.setTimeout(idleTimeoutMs, () => session.close());
    session.on("close", () => sessions.delete(session));
  });
  const toHttp1 = (socket) => {
    headerWait.arm(socket);
    socket.once("close", () => headerWait.disarm(socket));
    h1.emit("connection", socket);
    socket.resume();
  };
  const track = (socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  };
  const onSocketError = (e) => logger.debug({ err: e }, "http: connection error before the first request");
  let server;
  if (options.tls) {
    const material = readTlsFiles(options.tls);
    const secure = tls.createServer({ ...material, ALPNProtocols: ["h2", "http/1.1"], handshakeTimeout: headersTimeoutMs });
    const handshaking = /* @__PURE__ */ new Map();
    const peer = (s) => `${s.remoteAddress}|${s.remotePort}`;
    secure.on("connection", (raw2) => {
      track(raw2);
      const key = peer(raw2);
      handshaking.set(key, raw2);
      handshakeWait.arm(raw2);
      raw2.once("close", () => {
        handshakeWait.disarm(raw2);
        if (handshaking.get(key) === raw2) handshaking.delete(key);
      });
    });
    secure.on("secureConnection", (socket) => {
      const key = peer(socket);
      const raw2 = handshaking.get(key);
      if (raw2) {
        handshaking.delete(key);
        handshakeWait.disarm(raw2);
      }
      if (socket.alpnProtocol === "h2") h2.emit("connection", socket);
      else toHttp1(socket);
    });
    secure.on("tlsClientError", (e) => logger.debug({ err: e }, "https: TLS handshake failed"));
    server = secure;
  } else {
    server = net3.createServer((socket) => {
      track(socket);
      sniff(
        socket,
        (head) => {
          const p = sniffProtocol(head);
          return p === "unknown" ? void 0 : p;
        },
        (s, protocol) => protocol === "h2" ? h2.emit("connection", s) : toHttp1(s),
        headersTimeoutMs,
        onSocketError
      );
    });
  }
  server.maxConnections = maxConnections;
  server.on("error", (e) => logger.error({ err: e }, "http: listener error"));
  const port = await listen(server, options.port, options.host);
  let closing;
  return {
    port,
    get connections() {
      return sockets.size;
    },
    close() {
      closing ??= (async () => {
        const closed = closeServer(server);
        for (const d of [headerWait, bodyWait, handshakeWait, streamWait]) d.close();
        for (const session of sessions) session.destroy();
        h1.closeAllConnections();
        for (const socket of sockets) socket.destroy();
        await closed;
      })();
      return closing;
    }
  };
}

// src/runtime/node/main.ts
var signals = ["SIGTERM", "SIGINT"];
var whileStarting = (signal) => {
  process2.stderr.write(`cloudmap-dns: received ${signal} while starting; exiting
`);
  process2.exit(1);
};
for (const signal of signals) process2.on(signal, whileStarting);
var code = await main(process2.argv.slice(2), {
  runtime: { startHttpServer, startDnsServer, startGrpcServer },
  env: process2.env,
  // Compiled by `npm run build` (dist/…/main.js) or run from TypeScript through tsx (src/…/main.ts).
  about: { pid: process2.pid, node: process2.version, entry: import.meta.url.endsWith(".js") ? "dist" : "src" },
  readFile: (path) => readFileSync2(path, "utf8"),
  onRunning: (stop) => {
    for (const signal of signals) process2.off(signal, whileStarting);
    for (const signal of signals) process2.once(signal, () => void stop().finally(() => process2.exit(0)));
  },
  onServing: (server, { logger, inFlight }) => {
    for (const signal of signals) process2.off(signal, whileStarting);
    stopOnSignals({ server, inFlight, logger, onSignal: (signal, handler) => process2.on(signal, handler), exit: (c) => process2.exit(c) });
  }
});
if (code !== 0) process2.exit(code);
