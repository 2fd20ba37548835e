-- Business calendars for the SLA engine (issue 4, part 1): working hours per ISO weekday, a time zone, the public
-- holidays of a country (computed by jollyday at run time, never stored) and dated extra days the process owner adds.
-- Portable between H2 and PostgreSQL.
--
-- Working hours are one interval per weekday, [start_time, end_time) in the calendar's zone; an end_time of 00:00
-- means midnight at the end of that day (24:00), so an interval never spans midnight and a whole day is 00:00-00:00.

create table crm_business_calendars (
    id                  varchar(50)              primary key,
    name                varchar(200)             not null,
    time_zone           varchar(64)              not null, -- IANA zone id, e.g. Europe/Berlin
    holiday_country     varchar(2),                        -- ISO 3166 alpha-2; null = no public holidays
    holiday_subdivision varchar(20),                       -- jollyday subdivision, e.g. by (Bavaria); null = national
    updated_at          timestamp with time zone not null,
    updated_by          varchar(64)
);

create table crm_business_calendar_hours (
    calendar_id varchar(50) not null references crm_business_calendars (id),
    weekday     smallint    not null, -- ISO: Monday = 1 ... Sunday = 7; a weekday without a row is not worked
    start_time  time        not null,
    end_time    time        not null, -- exclusive; 00:00 = midnight at the end of the day
    constraint pk_crm_business_calendar_hours primary key (calendar_id, weekday),
    constraint ck_crm_business_calendar_hours_weekday check (weekday between 1 and 7),
    constraint ck_crm_business_calendar_hours_order check (end_time > start_time or end_time = time '00:00:00')
);

create table crm_business_calendar_days (
    calendar_id varchar(50)  not null references crm_business_calendars (id),
    "day"       date         not null, -- quoted: DAY is a keyword in H2 (not in PostgreSQL); always write "day"
    kind        varchar(20)  not null, -- holiday | workday (an extra working day over a weekend or public holiday)
    name        varchar(200) not null,
    constraint pk_crm_business_calendar_days primary key (calendar_id, "day"),
    constraint ck_crm_business_calendar_days_kind check (kind in ('holiday', 'workday'))
);

insert into crm_business_calendars (id, name, time_zone, holiday_country, holiday_subdivision, updated_at, updated_by)
values ('ru-office', 'Managers (Moscow office)', 'Europe/Moscow', 'RU', null, current_timestamp, 'system'),
       ('ru-client', 'Clients in Russia', 'Europe/Moscow', 'RU', null, current_timestamp, 'system'),
       ('warehouse', 'Warehouse (Germany)', 'Europe/Berlin', 'DE', null, current_timestamp, 'system'),
       ('seller-DE', 'Sellers in Germany', 'Europe/Berlin', 'DE', null, current_timestamp, 'system'),
       ('seller-NL', 'Sellers in the Netherlands', 'Europe/Amsterdam', 'NL', null, current_timestamp, 'system'),
       ('seller-FR', 'Sellers in France', 'Europe/Paris', 'FR', null, current_timestamp, 'system'),
       ('seller-IT', 'Sellers in Italy', 'Europe/Rome', 'IT', null, current_timestamp, 'system'),
       ('seller-PL', 'Sellers in Poland', 'Europe/Warsaw', 'PL', null, current_timestamp, 'system'),
       ('seller-ES', 'Sellers in Spain', 'Europe/Madrid', 'ES', null, current_timestamp, 'system'),
       ('seller-AT', 'Sellers in Austria', 'Europe/Vienna', 'AT', null, current_timestamp, 'system'),
       ('seller-BE', 'Sellers in Belgium', 'Europe/Brussels', 'BE', null, current_timestamp, 'system'),
       ('always', 'Carriers (around the clock)', 'UTC', null, null, current_timestamp, 'system');

-- Mon-Fri 09:00-18:00: the managers and every seller country.
insert into crm_business_calendar_hours (calendar_id, weekday, start_time, end_time)
select c.id, w.weekday, time '09:00:00', time '18:00:00'
from crm_business_calendars c
cross join (select 1 as weekday union all select 2 union all select 3 union all select 4 union all select 5) w
where c.id = 'ru-office' or c.id like 'seller-%';

-- Mon-Sat 10:00-20:00: the client side.
insert into crm_business_calendar_hours (calendar_id, weekday, start_time, end_time)
select 'ru-client', w.weekday, time '10:00:00', time '20:00:00'
from (select 1 as weekday union all select 2 union all select 3 union all select 4 union all select 5
      union all select 6) w;

-- Mon-Fri 08:00-17:00: the warehouse.
insert into crm_business_calendar_hours (calendar_id, weekday, start_time, end_time)
select 'warehouse', w.weekday, time '08:00:00', time '17:00:00'
from (select 1 as weekday union all select 2 union all select 3 union all select 4 union all select 5) w;

-- Every day 00:00-24:00: carriers.
insert into crm_business_calendar_hours (calendar_id, weekday, start_time, end_time)
select 'always', w.weekday, time '00:00:00', time '00:00:00'
from (select 1 as weekday union all select 2 union all select 3 union all select 4 union all select 5
      union all select 6 union all select 7) w;
