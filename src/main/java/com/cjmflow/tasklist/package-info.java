/**
 * What a manager sees on a Tasklist task (README "Tasklist"): the order's context on every form (customer, channel,
 * bike, seller country, price, the stage's SLA due and whose clock runs), earlier values prefilled, review tasks that
 * say what was breached, by whom and how late, and continuity (the next task of an order goes to the manager who
 * worked the previous one while they still fill the role). Writes engine variables and assignees only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tasklist")
package com.cjmflow.tasklist;
