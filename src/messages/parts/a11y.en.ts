// English messages of the a11y part of the catalogue (see ../parts.ts): the accessibility
// criteria's titles, descriptions and advice, and their findings. Keys are unique across parts.
// Findings are stored as { vi, en } and compared with earlier checks: a text changed here changes
// what a new check says against an old one.
export const a11yEn = {
  // Naming an element inside a finding: its frame when it is not the top document.
  'a11y.element.inFrame': ' in frame {{frame}}',
  'a11y.element.frameParen': ' (frame {{frame}})',
  'a11y.element.frameWithUrl': ' (in frame {{frame}}: {{url}})',

  // axe-core's results, one finding per element (axe-rules.ts).
  'a11y.axe.impact.critical': 'critical',
  'a11y.axe.impact.serious': 'serious',
  'a11y.axe.impact.moderate': 'moderate',
  'a11y.axe.impact.minor': 'minor',
  'a11y.axe.violation.rule': 'axe violation "{{rule}}" (WCAG {{wcag}}, {{impact}} impact): {{help}}.',
  'a11y.axe.violation.element': 'axe violation "{{rule}}" (WCAG {{wcag}}, {{impact}} impact): {{help}} — {{selector}}{{frame}}{{doubt}}{{more}}.',
  'a11y.axe.incomplete.rule': 'axe needs review "{{rule}}" (WCAG {{wcag}}, {{impact}} impact): {{help}}.',
  'a11y.axe.incomplete.element': 'axe needs review "{{rule}}" (WCAG {{wcag}}, {{impact}} impact): {{help}} — {{selector}}{{frame}}{{doubt}}{{more}}.',
  'a11y.axe.doubt': ': axe reports a violation, but {{why}}',
  'a11y.axe.more': ' (and {{more}} more elements)',
  'a11y.axe.notRun': 'axe-core did not run on this page.',
  'a11y.axe.failed': 'axe-core failed: {{error}}',

  // Why a second look doubts an axe violation (axe-second-look.ts).
  'a11y.axeDoubt.icon_font': 'the visible text is drawn in an icon font, so the visible label is not that text',
  'a11y.axeDoubt.written_differently': 'the accessible name and the visible label differ only in how they are written (hyphens, full stops, abbreviations)',
  'a11y.axeDoubt.inert': 'the frame is inert while a modal dialog is open',

  // Text contrast.
  'a11y.contrast.title': 'Sufficient text contrast',
  'a11y.contrast.description': 'Text contrasts with its background at 4.5:1 or more (3:1 for large text).',
  'a11y.contrast.advice': 'Change the text or background colour to reach at least 4.5:1 (3:1 for text of 24px, or 18.66px bold, and larger).',

  // Form labels.
  'a11y.formLabels.title': 'Form fields and buttons are labelled',
  'a11y.formLabels.description': 'Every input, select and button has a label a screen reader can announce.',
  'a11y.formLabels.advice': 'Give every input and select a <label for> (or aria-label/aria-labelledby); buttons need text or an accessible name.',

  // Text alternatives.
  'a11y.textAlternatives.title': 'Images have text alternatives',
  'a11y.textAlternatives.description': 'Every image, image button and non-text object has a text alternative for screen-reader users.',
  'a11y.textAlternatives.advice': 'Give every meaningful image an alt text that says what it shows (alt="" for decoration); image buttons and embedded objects need a name; videos need captions.',

  // Accessibility statement.
  'a11y.statement.title': 'An accessibility statement',
  'a11y.statement.description': 'The home page links to an accessibility statement (conformance, known gaps, where to report a barrier) and it opens.',
  'a11y.statement.noLink': 'The home page has no link to an accessibility statement.',
  'a11y.statement.notVisited': 'Linked as "{{link}}" but not visited.',
  'a11y.statement.brokenLink': 'The link "{{link}}" leads to an error page.',
  'a11y.statement.visitFailed': 'Could not open the page: {{reason}}.',
  'a11y.statement.found': 'Statement: "{{link}}" — {{url}}',

  // Headings.
  'a11y.headings.title': 'Meaningful headings',
  'a11y.headings.description': 'The page has headings (h1–h6) and none is empty.',
  'a11y.headings.advice': 'Every heading needs text (or an image with alt); use h1–h6 to follow the structure of the content.',
  'a11y.headings.none': 'Advice: the page has no heading (h1–h6); headings help screen-reader users grasp its structure.',

  // Data tables.
  'a11y.tables.title': 'Data tables have header cells',
  'a11y.tables.description': 'Tables of data use header cells (th) so screen readers can say what each cell means.',
  'a11y.tables.advice': 'Use <th> (with scope="col"/"row") for the header cells of data tables; give layout tables role="presentation".',
  'a11y.tables.noHeaders': 'Data table #{{table}} ({{rows}} rows, {{numeric}} numeric cells) has no header cell (th).',

  // Page language, and the language of the text (language-match.ts).
  'a11y.language.title': 'Page language declared',
  'a11y.language.description': 'The <html> element declares a valid language (lang="vi") that is the language of its text; passages in another language are marked.',
  'a11y.language.advice': 'Declare <html lang="vi"> (the page\'s main language); mark passages in another language with their own lang attribute.',
  'a11y.language.missing': 'The <html> element has no lang attribute.',
  'a11y.language.notJudged': 'Too little text to tell the page\'s language ({{judged}} letters recognised, {{needed}} needed).',
  'a11y.language.noModel': 'The page declares lang="{{declared}}", a language the detector has no model of; its text reads as {{detected}}. Needs review.',
  'a11y.language.mismatch': 'The page declares lang="{{declared}}" but its text is {{detected}} ({{letters}} letters; detected with {{detector}}).',
  'a11y.language.unsure': 'The page declares lang="{{declared}}"; its text reads as {{detected}}, not clearly enough to conclude.',
  'a11y.language.partUnmarked': 'The passage {{selector}} looks like "{{tag}}" ({{scores}}) but has no lang attribute of its own: "{{excerpt}}…". Needs review (proper names and technical terms need no marking).',

  // Other WCAG rules of axe-core.
  'a11y.otherWcag.title': 'Other WCAG 2.1 A/AA success criteria (axe-core)',
  'a11y.otherWcag.description': 'axe-core\'s remaining WCAG 2.1 A and AA rules find no violation.',
  'a11y.otherWcag.advice': 'Fix each element as the matching axe rule\'s guidance says (its helpUrl is in the evidence).',

  // Best-practice advice.
  'a11y.bestPractice.title': 'Best-practice advice (not scored)',
  'a11y.bestPractice.description': 'axe-core\'s best-practice, experimental and AAA rules: recorded for improvement, not WCAG 2.1 A/AA failures.',
  'a11y.bestPractice.advice': 'Review each piece of advice and the axe guidance with it.',
  'a11y.bestPractice.none': 'No advice.',

  // The keyboard probe, shared by the keyboard criteria (keyboard-common.ts).
  'a11y.keyboard.probeFailed': 'The keyboard probe failed: {{message}}',
  'a11y.keyboard.notRun': 'The keyboard test did not run on this page.',

  // 2.1.1 Keyboard: everything reachable with Tab.
  'a11y.keyboard.title': 'Every interactive element is reachable with Tab',
  'a11y.keyboard.description': 'A full round of Tab presses over the page reaches every element that can be clicked (links, buttons, fields, elements with click handlers).',
  'a11y.keyboard.advice': 'Make every interactive element focusable (native <button>/<a href>, or tabindex="0" with key handling), keep a clear focus indicator (:focus-visible), never hold the focus back by script.',
  'a11y.keyboard.reason.native': 'a control',
  'a11y.keyboard.reason.role': 'it has an interactive role',
  'a11y.keyboard.reason.onclick': 'it has an onclick attribute',
  'a11y.keyboard.reason.listener': 'it has a pointer cursor and a click listener',
  'a11y.keyboard.unreachable': 'Not reachable with Tab: {{element}} ({{why}}), though the Tab walk went all the way round ({{stops}} stops). Fix: use a real <button> or <a href>, or add tabindex="0", a fitting role and Enter/Space handling.',
  'a11y.keyboard.walkIncomplete': 'Cannot tell: the Tab walk did not go all the way round ({{end}}; {{stops}} stops, {{presses}} presses, {{ms}} ms). {{trapped}}A person needs to check the remaining elements with a keyboard ({{interactive}} interactive elements).',
  'a11y.keyboard.walkIncomplete.trapped': 'The focus is trapped (see the keyboard-trap criterion). ',
  'a11y.keyboard.noStops': 'Tab stopped at no element, though the page has {{interactive}} interactive elements.',
  'a11y.keyboard.ok': 'A full round of Tab: {{stops}} stops, every interactive element ({{interactive}}) reached.',
  // How a Tab walk ended before it came round (the evidence's code; English keeps the probe's own sentence).
  'a11y.keyboard.walkEnd.cycle': 'came back to its first stop',
  'a11y.keyboard.walkEnd.no_focus': 'nothing took the focus',
  'a11y.keyboard.walkEnd.stuck': 'the focus stopped moving forward',
  'a11y.keyboard.walkEnd.loop': 'the focus went round a small group',
  'a11y.keyboard.walkEnd.sample': 'the walk reached its limit of stops before coming round',
  'a11y.keyboard.walkEnd.presses': 'the walk reached its limit of presses',
  'a11y.keyboard.walkEnd.time': 'the walk used up its time budget',

  // 2.1.2 No keyboard trap.
  'a11y.trap.title': 'No keyboard trap',
  'a11y.trap.description': 'Wherever the keyboard focus can go, Tab or Shift+Tab can move it away again.',
  'a11y.trap.advice': 'Never send the focus back by script (blur/focus handlers, timers, swallowing Tab); dialogs must close with Esc and return the focus.',
  'a11y.trap.stuckWhy.escaped_backward': 'Tab does not move on, but Shift+Tab gets out',
  'a11y.trap.stuckWhy.modal_dialog': 'the focus cycles inside a modal dialog (Escape needs checking)',
  'a11y.trap.stuckWhy.nothing_outside': 'no other element takes the focus',
  'a11y.trap.stuckWhy.opaque_frame': 'the focus is inside a frame that cannot be read',
  'a11y.trap.stuckWhy.not_confirmed': 'the backward presses did not finish within the time budget',
  'a11y.trap.group': ' (a group of {{size}})',
  'a11y.trap.revealedBy': ' once {{element}} is activated',
  'a11y.trap.exitAnnounced': 'Tab and Shift+Tab cannot leave {{held}}, but the page tells the way out ("{{announced}}"){{revealed}} and {{keys}} moves the focus out.',
  'a11y.trap.exitUntested': 'Needs a person: Tab and Shift+Tab cannot leave {{held}}; the page tells a way out ("{{announced}}") that could not be tried.',
  'a11y.trap.exitFailed': ' The page says "{{announced}}", but {{keys}} did not move the focus out.',
  'a11y.trap.trap': 'Keyboard trap: the focus is held at {{element}}{{group}}: {{forward}} Tab and {{backward}} Shift+Tab presses could not leave it.{{told}} Fix: do not cancel Tab (preventDefault) and do not send the focus back from a timer or a blur handler.',
  'a11y.trap.stuck': 'Needs a person: the focus stopped at {{element}}: {{why}}.',
  'a11y.trap.noStops': 'Tab stopped at no element, though the page has {{interactive}} interactive elements: traps could not be tested.',
  'a11y.trap.partial': 'No trap in the first {{stops}} Tab stops, but the walk did not go all the way round ({{end}}): the rest needs a person.',
  'a11y.trap.none': 'A full round of Tab over {{stops}} stops: the focus always moved on.',

  // 2.4.7 Focus visible.
  'a11y.focus.title': 'Visible keyboard focus',
  'a11y.focus.description': 'When an element takes the keyboard focus, what is drawn around it changes visibly (an outline, a shadow, a background).',
  'a11y.focus.advice': 'Keep a clear focus indicator (an outline or box-shadow at 3:1 contrast or more, via :focus-visible); never set outline: none without a replacement.',
  'a11y.focus.noStops': 'Tab stopped at no element (the page has {{interactive}} interactive elements): the focus indicator could not be tested.',
  'a11y.focus.none': 'No visible focus indicator on {{element}}: not one pixel of its neighbourhood ({{width}}×{{height}} px) changed when it took the focus. Fix: add :focus-visible { outline: 2px solid … } at 3:1 contrast or more; never outline: none without another indicator.',
  'a11y.focus.faint': 'Needs a person: the focus indicator on {{element}} is small or faint ({{strong}}/{{required}} px at ≥ 3:1, {{changed}} px changed, highest contrast {{contrast}}:1).',
  'a11y.focus.notMeasured': 'The focus indicator on {{element}} could not be measured ({{why}}).',
  'a11y.focus.unstable': 'its neighbourhood is animated',
  // Why a focus sample was not measured (the probe's code; an error message stays as it is).
  'a11y.focus.reason.frame_gone': 'its frame went away',
  'a11y.focus.reason.gone': 'the element went away',
  'a11y.focus.reason.no_box': 'the element has no box on screen',
  'a11y.focus.reason.off_screen': 'the element is off screen',
  'a11y.focus.reason.focus_moved': 'the focus moved elsewhere',
  'a11y.focus.reason.focus_held': 'the focus could not be taken away',
  'a11y.focus.sampled': 'The first {{measured}} Tab stops all show a visible focus indicator; {{notSampled}} stops were not measured{{incomplete}}: the rest needs a person.',
  'a11y.focus.sampled.incomplete': ' and the Tab walk did not go all the way round',
  'a11y.focus.ok': 'All {{measured}} Tab stops show a visible focus indicator (measured on pixels).',

  // 2.4.2 Page titled.
  'a11y.title.title': 'Page titled',
  'a11y.title.description': 'Every page has a non-empty title (the title element) that describes its topic or purpose (not "Untitled", an address or a file name).',
  'a11y.title.advice': 'Give each page a <title> such as "Page name – Portal name" (for example "Birth registration – Hà Nội public service portal").',
  'a11y.title.empty': 'The page has no title (the <title> element is missing or empty).',
  'a11y.title.kind.placeholder': 'is a placeholder',
  'a11y.title.kind.url': 'is only an address',
  'a11y.title.kind.filename': 'is only a file name',
  'a11y.title.placeholder': 'The page title "{{title}}" {{kind}}: it does not describe the page.',
  'a11y.title.generic': 'The title "{{title}}" could name any page of the portal; a person should check whether it describes {{url}}.',

  // 2.4.2 across the portal: distinct titles.
  'a11y.titles.title': 'Each page has its own title',
  'a11y.titles.description': 'Different pages of the portal have different titles, so that users can tell pages and browser tabs apart.',
  'a11y.titles.advice': 'Put each page\'s own name first in its <title> ("Submit an application – … portal") rather than one title for every page.',
  'a11y.titles.distinct': '{{pages}} pages, {{pages}} different titles.',
  'a11y.titles.sameOnPages': 'The title "{{title}}" is used by {{pages}} pages about different things (different main headings): {{urls}}.',
  'a11y.titles.repeated': 'The title "{{title}}" is used by {{pages}} pages: {{urls}}. A person should check whether it tells them apart.',

  // 2.2.1, 2.2.2: no moving text, no timed refresh.
  'a11y.moving.title': 'No moving or blinking text, no automatic refresh',
  'a11y.moving.description': 'The page uses no scrolling (marquee) or blinking text and does not refresh itself on a timer.',
  'a11y.moving.advice': 'Remove marquee/blink; moving content over 5 seconds needs a pause control; do not refresh or redirect on a timer (offer a link instead).',
  'a11y.moving.timedRefresh': 'The page moves itself to {{to}} after {{delay}} s (meta refresh "{{refresh}}"); the visitor cannot stop it.',
  'a11y.moving.timedRedirect': 'A script moves the page to {{to}} {{ms}} ms after it loaded; the visitor cannot stop it.',
  'a11y.moving.scriptRedirect': 'A script moved the page to {{to}} {{ms}} ms after it loaded: a person should judge whether the first page could be read.',

  // 2.4.4 Link purpose.
  'a11y.link.title': 'Link purpose',
  'a11y.link.description': 'Every link has a name, and its name (with its context) says where it leads, not just "click here".',
  'a11y.link.advice': 'Make link text say where it leads ("Download the birth registration form" rather than "Download"); links with the same name should lead to the same place.',
  'a11y.link.genericText': 'The link "{{name}}"{{selector}}{{frame}} does not say where it leads and has no context at all{{to}}.',
  'a11y.link.genericInContext': 'The link "{{name}}"{{selector}}{{frame}} does not say where it leads by itself; a person should check whether its context "{{surrounding}}" does{{to}}.',
  'a11y.link.sameTextDifferentTarget': '{{links}} links named "{{name}}" (such as{{selector}}{{frame}}) lead to {{targets}} different addresses: {{addresses}}. A person should check whether they serve the same purpose.',

  // The interaction probes (interaction.ts): the probe itself.
  'a11y.interaction.probeError': 'The in-browser test failed ({{probe}}): {{message}}.',
  'a11y.interaction.notRun': 'This test did not run on the page.',

  // 3.2.1 On focus, 3.2.2 On input.
  'a11y.context.title': 'No change of context on focus or on input',
  'a11y.context.description': 'Focusing an element or choosing or typing a value does not navigate, open a window or move the focus, unless the user was told beforehand.',
  'a11y.context.advice': 'Never navigate, open a window or move the focus when the user only focuses, selects or types: add a "Go"/"Submit" button for the user to decide.',
  'a11y.context.effect.navigation': 'navigated to another page',
  'a11y.context.effect.popup': 'opened a new window',
  'a11y.context.effect.focus_moved': 'moved the focus elsewhere',
  'a11y.context.effect.content_replaced': 'replaced most of the page content',
  'a11y.context.effect.dialog': 'opened a dialog',
  'a11y.context.onFocus': 'when it receives focus',
  'a11y.context.onInput': 'when its value is changed',
  'a11y.context.changedOnFocus': '{{element}} {{what}} when it receives focus. Act only when the user activates a control (presses a button), not when an element receives focus.',
  'a11y.context.changedOnInput': '{{element}} {{what}} when its value is changed. Add a "Go"/"Submit" button for the user to confirm, or say beside the control what will happen.',
  'a11y.context.why.notReproduced': 'seen once, not on the second try',
  'a11y.context.why.advisory': 'an advisory text is beside it: "{{advisory}}"',
  'a11y.context.why.submit': 'a confirming button is near ({{button}})',
  'a11y.context.why.review': 'a person must judge whether this is a change of context',
  'a11y.context.review': '{{element}} {{what}} {{when}}; {{why}}. Needs a manual check.',
  'a11y.context.incomplete': 'Not every field was tried ({{focused}} focused, {{changed}} changed; stopped: {{stopped}}).',
  'a11y.context.stopped.elementLimit': 'element limit',
  // Why the context test stopped early (the probe's words).
  'a11y.context.stopped.timeBudget': 'time budget',
  'a11y.context.stopped.windowsOpened': 'windows opened',
  'a11y.context.stopped.dialogsOpened': 'dialogs opened',
  'a11y.context.ok': 'Focused {{focused}} elements and changed {{changed}} fields: no change of context (of {{candidates}} focusable elements).',

  // 2.4.1 Bypass blocks.
  'a11y.bypass.title': 'A way to bypass repeated blocks',
  'a11y.bypass.description': 'A working "Skip to main content" link, or landmarks (main, nav) or headings, lets users skip the repeated blocks.',
  'a11y.bypass.advice': 'Add a "Skip to main content" link at the top pointing to an existing <main>, or use <main>/<nav> landmarks.',
  'a11y.bypass.noTop': 'The top document could not be read.',
  'a11y.bypass.skipLink': 'The skip link {{element}} works (goes to {{target}}).',
  'a11y.bypass.skipLinkBroken': 'The skip link {{element}} points to "{{href}}" but the page has no such element. Give the main content that id (e.g. <main id="noi-dung">).',
  'a11y.bypass.skipLinkBrokenReview': '{{broken}} The page still has {{other}}: needs a manual check.',
  'a11y.bypass.other.skipLink': 'another skip link',
  'a11y.bypass.other.main': 'a main landmark',
  'a11y.bypass.other.headings': 'headings',
  'a11y.bypass.skipLinkBrokenFail': '{{broken}} Nor has the page landmarks or headings to skip the {{before}} elements before the content.',
  'a11y.bypass.landmarks': 'The page has a main landmark{{nav}} (technique ARIA11).',
  'a11y.bypass.landmarks.nav': ' and navigation',
  'a11y.bypass.skipLinkNoEffect': 'Pressing Enter on the skip link {{element}} moved neither focus nor scroll to {{target}}: needs a manual check.',
  'a11y.bypass.headings': 'The page has {{headings}} headings to jump to the content (technique H69); a <main> landmark would help too.',
  'a11y.bypass.noBlock': 'Only {{before}} focusable elements before the content: no repeated block to bypass.',
  'a11y.bypass.none': '{{before}} focusable elements come before the content and the page has no skip link, landmark or heading. Add a "Skip to main content" link at the top and wrap the content in <main>.',
  'a11y.bypass.noneReview': '{{before}} focusable elements come before the content and the page has no skip link, landmark or heading. Add a "Skip to main content" link at the top and wrap the content in <main>. A person must check whether they are repeated across pages.',

  // 1.4.1 Use of colour.
  'a11y.colour.title': 'Colour is not the only means of conveying information',
  'a11y.colour.description': 'Links in text are told apart by more than colour (underline, or 3:1 contrast plus a cue on hover and focus); required fields are not marked by colour alone.',
  'a11y.colour.advice': 'Underline links in text (or give them 3:1 contrast with the text plus a cue on hover/focus); mark required fields in text or with required, never by colour alone.',
  'a11y.colour.linkUnknown': 'The link {{element}} differs from the text around it only by colour ({{linkColour}} vs {{textColour}}); contrast could not be computed.',
  'a11y.colour.linkColourOnly': 'The link {{element}} differs from the surrounding text only by colour, contrast {{ratio}}:1 (< 3:1). Underline links inside text (text-decoration: underline).',
  'a11y.colour.linkNoHoverCue': 'The link {{element}} differs by colour with {{ratio}}:1 contrast, but {{cues}} (technique G183). Underline links inside text (text-decoration: underline).',
  'a11y.colour.cues.notTried': 'hover and focus were not tried',
  'a11y.colour.cues.none': 'shows no extra cue on hover or focus',
  'a11y.colour.requiredByColour': 'The page says "{{instruction}}" but the label of {{element}} is marked only by its red colour. Add "(required)" or an explained "*" to the label, and the required attribute.',
  'a11y.colour.labelColourReview': 'The label "{{label}}" of {{element}} is red, unlike the others, with no text or mark: if the colour means required, that fails. Add "(required)" or an explained "*" to the label, and the required attribute.',
  'a11y.colour.ok': '{{links}} links in text and {{fields}} fields: nothing conveyed by colour alone was found.',

  // 1.3.1, 3.3.2 Form structure and headings.
  'a11y.form.title': 'Form structure and headings are marked up',
  'a11y.form.description': 'Radio and checkbox groups have a fieldset/legend or a named group; a required "*" is explained; text that looks like a heading is marked up as one.',
  'a11y.form.advice': 'Put option groups in a <fieldset> with a <legend> (or a named role="radiogroup"); explain the required *; use h1–h6 for text that looks like a heading.',
  'a11y.form.kind.radio': 'radio buttons',
  'a11y.form.kind.checkbox': 'checkboxes',
  'a11y.form.groupFix': 'Wrap the options in a <fieldset> with a <legend>{{question}}</legend>, or role="{{role}}" with aria-labelledby.',
  'a11y.form.groupUnlabelled': 'The group of {{size}} {{kind}} "{{name}}" ({{element}}) shows the question "{{question}}" but it is not tied to the group: a screen reader announces only each option. {{fix}}',
  'a11y.form.groupReview': 'The group of {{size}} {{kind}} "{{name}}" ({{element}}) has no fieldset or named group{{before}}: check whether the options share a question. {{fix}}',
  'a11y.form.groupReview.before': '; text before it: "{{question}}"',
  'a11y.form.asteriskUnexplained': '{{fields}} fields carry "*" (e.g. {{element}}) and the page does not say that "*" means required. Add "Fields marked * are required" at the top of the form.',
  'a11y.form.visualHeading': '{{element}} looks like a heading ({{size}}px, weight {{weight}}, body text {{body}}px) but is not marked up as one: if it is a heading, use <h2>…<h6>.',
  'a11y.form.ok': '{{fields}} fields, {{groups}} option groups: the structure is marked up.',

  // The presentation probes (presentation.ts): the probe itself, and what is cut off or overlaps.
  'a11y.presentation.probeFailed': 'The in-browser test failed ({{probe}}): {{message}}',
  'a11y.presentation.notRun': 'This test did not run on the page ({{probe}}).',
  'a11y.presentation.axis.x': 'sideways',
  'a11y.presentation.axis.y': 'vertically',
  'a11y.presentation.doubt.moving': 'it is in a moving part (carousel, transform, animation): it may be intended',
  'a11y.presentation.doubt.viewport_y': 'the page cannot scroll down (overflow hidden on html/body): a dialog may be open',
  'a11y.presentation.doubt.ellipsis': 'it is cut with an ellipsis: it may be intended',
  'a11y.presentation.doubt.oneLine': 'the box is one line high: it may be intended',
  'a11y.presentation.clippedBy.box': 'the box {{box}} (overflow hidden)',
  'a11y.presentation.clippedBy.window': 'the window (overflow hidden on html/body)',
  'a11y.presentation.clipped': '{{when}}, the text of {{element}} is cut off {{axis}} by {{by}}: {{hidden}} px hidden. Fix: drop the fixed height/width (use min-height, max-width) or let the box scroll (overflow: auto).',
  'a11y.presentation.clippedMaybe': '{{when}}, the text of {{element}} is cut off {{axis}} by {{by}}: {{hidden}} px hidden — for a person to check: {{why}}. Fix: drop the fixed height/width (use min-height, max-width) or let the box scroll (overflow: auto).',
  'a11y.presentation.overlap': '{{when}}, the text of {{a}} and of {{b}} overlap ({{area}} px²) — for a person to check: it may be intended (a floating label, text laid over a banner).',

  // 1.4.4 Resize text.
  'a11y.resize.title': 'Text can be zoomed to 200% without loss',
  'a11y.resize.description': 'Zoomed to 200%, no text is cut off, and the page does not block zooming.',
  'a11y.resize.advice': 'Never set user-scalable=no or maximum-scale below 2 in the viewport meta tag; give text boxes min-height instead of a fixed height, or overflow: auto.',
  'a11y.resize.zoomBlocked': 'The viewport meta tag "{{content}}" blocks zooming (user-scalable=no or maximum-scale below 2).',
  'a11y.resize.context': 'Zoomed to 200% (640×512 CSS px)',

  // 1.4.10 Reflow.
  'a11y.reflow.title': 'No horizontal scrolling at 320 CSS px',
  'a11y.reflow.description': 'At a width of 320 CSS pixels the content reflows: no horizontal scrolling and no text cut off.',
  'a11y.reflow.advice': 'Use a fluid layout (%, max-width, wrapping flex/grid) instead of fixed widths; only data tables, maps and diagrams may scroll sideways (inside an overflow-x: auto box).',
  'a11y.reflow.pageWide': 'At {{width}} px the page is {{scrollWidth}} px wide: horizontal scrolling.',
  'a11y.reflow.overflow': 'At {{width}} px, {{element}} reaches {{right}} px: its text needs horizontal scrolling. Fix: drop the fixed width, use max-width: 100% and let text wrap (overflow-wrap: anywhere for long addresses).',
  'a11y.reflow.twoDimensional': '{{element}} is wider than the screen but is content that needs two dimensions ({{what}}): it may scroll; better inside an overflow-x: auto box.',
  'a11y.reflow.unclear.empty': 'no text of it is past the edge',
  'a11y.reflow.unclear.offscreen': 'it lies wholly off screen (maybe a hidden menu)',
  'a11y.reflow.unclear.frame': 'it is an embedded frame (maybe a map)',
  'a11y.reflow.overflowUnclear': 'At {{width}} px, {{element}} makes the page scroll sideways to {{right}} px, but {{why}}: for a person to check.',
  'a11y.reflow.overflowUnexplained': 'At {{width}} px the page is {{scrollWidth}} px wide but no element was found sticking out: for a person to check.',
  'a11y.reflow.context': 'At {{width}} px',

  // 1.4.12 Text spacing.
  'a11y.spacing.title': 'Text spacing can be increased without loss',
  'a11y.spacing.description': 'With line height 1.5, letter spacing 0.12em, word spacing 0.16em and paragraph spacing 2em, no text is cut off or overlaps, and the page does not lock them with !important.',
  'a11y.spacing.advice': 'Do not set letter-spacing, word-spacing or line-height with !important in style attributes; do not give text boxes a fixed height with overflow: hidden (use min-height).',
  'a11y.spacing.property.letter-spacing': 'letter spacing',
  'a11y.spacing.property.word-spacing': 'word spacing',
  'a11y.spacing.property.line-height': 'line height',
  'a11y.spacing.important': '{{element}} locks its {{name}} with "{{property}}: {{declared}} !important" in its style attribute ({{px}} px, {{ratio}} × its {{font}} px font, below {{least}}): users cannot increase it. Fix: drop !important or set at least {{least}}.',
  'a11y.spacing.context': 'With WCAG\'s text spacing applied',
} as const;
