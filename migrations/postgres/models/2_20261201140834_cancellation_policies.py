from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "cancellation_policy" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "is_default" BOOL NOT NULL,
    "current_version_id" INT,
    "version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_cancellatio_agency__462770" UNIQUE ("agency_id", "name")
);
COMMENT ON TABLE "cancellation_policy" IS 'A named policy of the agency; the default one applies to new bookings.';
        CREATE TABLE IF NOT EXISTS "cancellation_policy_version" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" INT NOT NULL,
    "terms" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    "created_by_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "policy_id" INT NOT NULL REFERENCES "cancellation_policy" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_cancellatio_policy__bdb666" UNIQUE ("policy_id", "version")
);
COMMENT ON TABLE "cancellation_policy_version" IS 'One saved version of a policy: its tiers, payout tiers, calendar and grace.';
        CREATE TABLE IF NOT EXISTS "late_reschedule" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "from_pickup_at" TIMESTAMPTZ NOT NULL,
    "from_estimated_end_at" TIMESTAMPTZ NOT NULL,
    "to_pickup_at" TIMESTAMPTZ NOT NULL,
    "to_estimated_end_at" TIMESTAMPTZ NOT NULL,
    "requested_at" TIMESTAMPTZ NOT NULL,
    "rescheduled_at" TIMESTAMPTZ NOT NULL,
    "policy_version_id" INT NOT NULL,
    "tier" INT,
    "billable" BOOL NOT NULL,
    "charge" DECIMAL(12,2) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "decision" JSONB NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE RESTRICT,
    "mission_id" INT NOT NULL REFERENCES "mission" ("id") ON DELETE RESTRICT,
    "rescheduled_by_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_late_resche_mission_9d75cb" ON "late_reschedule" ("mission_id");
COMMENT ON TABLE "late_reschedule" IS 'A mission''s start moved inside its policy''s notice: billed as a cancellation of the';
        ALTER TABLE "customer" ADD "cancellation_policy_id" INT;
        ALTER TABLE "mission" ADD "policy_version_id" INT;
        ALTER TABLE "mission" ADD "no_show_grace_minutes" INT;
        ALTER TABLE "cancellation" ADD "tier" INT;
        ALTER TABLE "cancellation" ADD "policy_version_id" INT;
        ALTER TABLE "cancellation" ADD "notice_minutes" INT;
        ALTER TABLE "cancellation" ADD "business_notice_minutes" INT;
        ALTER TABLE "pending_review_item" ADD "late_reschedule_id" INT;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "mission" DROP COLUMN "policy_version_id";
        ALTER TABLE "mission" DROP COLUMN "no_show_grace_minutes";
        ALTER TABLE "customer" DROP COLUMN "cancellation_policy_id";
        ALTER TABLE "cancellation" DROP COLUMN "tier";
        ALTER TABLE "cancellation" DROP COLUMN "policy_version_id";
        ALTER TABLE "cancellation" DROP COLUMN "notice_minutes";
        ALTER TABLE "cancellation" DROP COLUMN "business_notice_minutes";
        ALTER TABLE "pending_review_item" DROP COLUMN "late_reschedule_id";
        DROP TABLE IF EXISTS "late_reschedule";
        DROP TABLE IF EXISTS "cancellation_policy";
        DROP TABLE IF EXISTS "cancellation_policy_version";"""


MODELS_STATE = (
    "eJztXf1z4jjS/ldU/DIzVezWhHzMHPvWVRHCzHBLIEWYnb3bXPkcLIIvYLG2SZa72//9lW"
    "Qbf8lGNsYYT/+SgK0W8LTUVj/dav23sSQaXlg/dp6wMd002ui/DUNdYvoicqeJGupq5V9n"
    "F2z1ccGbqn6bR8s21alNr87UhYXpJQ1bU1Nf2ToxWNsOsrGhGnYb6baFNDxT1wv6gna+2K"
    "DXOTYxUtF0bdlkiU1ETKSZ+gt9ZWHayiD2XDeefmQfpZEp/Sz6rtBe14b++xorNnnCNhWj"
    "ff/2T3pZNzT8B7a8t6tnZabjhRYCTNdYB/y6Ym9W/FrfsD/xhuwLPypTslgvDb/xamPPib"
    "FtrRs2u0rRxKZqY9a9ba4ZiMZ6sXDR9nB1vqnfxPmKARkXBXqBSTtfwL/WUJThaKLc9yaK"
    "0oipyZMIYOxemhKDqZh+VYv/+if2FX5onV18uPh4fnXxkTbhX3N75cOfzkf7wDiCHJ7hpP"
    "Env6/aqtOCY+yDyv/HYO3OVVOMq9c+giz9ylFkPRzToPUu+Nj6o7oMcJfqH8oCG0/2nCH6"
    "/n0KlL90xt0vnfFb2uod+0hCp6EzO4furZZzj+Ht42vrS6z8hxiZQA4JlYd04+uk2ygF6q"
    "sLCaSvLhKBZrfCOE/XpukZSVmYgzIlotz7Oi4H5XMJkM8TMT6PQux+W2WqGlNMMWBfTnml"
    "P5W8KkvdWNvYymCgJXvbbcGL0svZxcX7ShvxuCYoTvpyvVQe9cWCfv4eWkjpqTwNXJ0K/r"
    "rxQvQp1kKDV2x5esZ6yaHv02/EWsdXKkmdlWiSrgej7s8ZjZIj1Eb834PRGQxG35Rv/ckX"
    "pTvu3fQnTLbXRuLr0QWmlDlrydizVrJBa0UtmkEUa07tzQwLHs83eKov1UXCMigsGVGV5o"
    "j+6HYhoTZ3SVmVhVEK0De9bv+2M3h71mo6UFu/L3QbB3VwEVsF4Rds2IqFf4/DfK0/JVqn"
    "kFh5dujAZugvrdb5+YfW+/Orj5cXHz5cfny/tUfxW2mG6br/mdmm0HBPNFZi9JP9p7BUbc"
    "Av7BkwNTH75YpqC0wHvcPW8AnLzpBk1HS4oj96L07RraI/UBsZi41r2FJwnfRve/eTzu0d"
    "+7ilRW0Jx68z6bE7LX51E7n69ipi4redIPaYQewt+sdoyB8yK2LZTyb/RL/d5B8N9p3UtU"
    "0Ug1pxVQu49d5VD7U/GSExew54z+zCozp9flVNTQnd8YfH2sKmYCF27Yp9+nmME5/0LjP0"
    "lXZxgtr/0xvv3lV/FATdNYcq2hOirttNXWFyWLQ9QbrhndQVItWy9CdjiZnMXjB1th3VFa"
    "qlTn8ibbEfTrdOL3UFiZja3jNuxPqoK0D0qaSLOIYsAN1v+6gjQkFHft8HXIQTqCNcK3VD"
    "1vta7yBQd7zDusJFF9dWoeNqzDusK1yuI7snXn2nl7qCZOIXHb8quo2XewJ1hw2Nfp0x77"
    "BP+6srZKG4xYos9OneT8WQDWM9br4f8DYKc3SKfWA6GP7i9FtXKOlPxYpJP2COtfVi3yE4"
    "oL2Nt53VFTPOK++JVO+lxp6iruHlitgsOE7H1pT6RPs+P/0Ox7y/OiHH+EDSIkkMYfhW8K"
    "G7UDfKUjWfk7EdGXhC6J/dCLMWm1u3s5OMNomBXbaWEWCXqqE+8W/JumPCQcJUkGLnEakp"
    "CXarlbL2Wu1MsbsnS0wMjF7nBDHOyEK60UaqgVRtqRtNRFYMfGI2kYlXxLQxfUVMpLpJcW"
    "943lw8x664biHJDpLsKjO7S0iyM8kiAd/d6ReebJWxbnRubvvDNuL/HozRXW/cmYzGbeS9"
    "ejBuxv1fevSK8//BGPfuRuMJu+K9ypNycXYloayzaDzO1xW7FVYVNazUWAkeeITqQTXE88"
    "EXimjpkUodSk2eASo3veJ6NBqEYqHX/UiEf/j19rpHUY8kX0CE+vuNUIcmGN8roGR6jodk"
    "ykv1qPwTPRqIzYZqSCYXqhVbpxcBaiyZIjpy4wB/Iiamy+Gf8Sb2JE+I5G47OrFRm+QI0c"
    "um+rpdrYfnK/399Fdj5ykwpuZj3O9OGoLRWwCy0qkEFRu5ssCGpmwCsDLZPxABzBp+wGaR"
    "EcD6jNAQTq9qAelA3wFOdP2q6TZdIgk3Q2QCi/c0pB3Vde5B9AWiLxWjyDPSvtskUAH1G0"
    "wQTaZ/p8FWO+nfb3OCHgl5tpBqaGilbqyf0NqwsI1sbC4tJrZA7KchmyB7jpGzXHvj75uO"
    "c78F9bmb+P0tvHjkcP0T2GBgg+vDBnt7GBkqyoou5+dkLXB+Uvd3Jfax906vqimk6K1exe"
    "wOPsSu4IqtZIumqPbfDFz0JuCaAy5KYsr0wEzuAOCGcAaEMxoQzgDmvVoEsQzzLkMQwy4j"
    "2EMDuxxKBgl2OQC/eYL8pht0FbCbfjg2mdv0Y78ytSNX9KlEDJ6COlVNtkkTebuGEVnb7W"
    "22aZMlplIAsLkyMU9FVZGNp3NDn+qqISogWWTXwHNWZFHZBJ7zaDznSt3sxXEK5YHfBH6z"
    "SuYFMochc7hSoxqoNqDadpktoNoqRLWVV4mtYg9gKJ9VcKYc1Kk5Jg0SGGCiYzRCwy9lp2"
    "+4nQQl4p5kQQykeoTFT3xXLl9aIrZj961BbISpLrR3aE7oj+EpWtttudaC2CJGpMCeZQiR"
    "UHI779NdprFeFPq8Me0GFfrNqxMXbQn0San0iTNSc63CI6I1XIafyLLbwyR93T2d4lU+dy"
    "siWoCiq7mGqYWegyY3i5KDcqDhKms48CDNqOOwJBjs6quZzspcSnblQMWVVrG7Vs5/ulGS"
    "PDD7iZvr941npXUDYa0dYS0gfw84sksuG1F3VMP8hPTmhqAQ4AqhiuPV41j6RyjsCW39Dm"
    "OIYhuet5UsdnKq0O5X7eSQXL83rAVEf2DEJ7P8gQm2m+IfGRj9mzwiMmPkO8/Mb6JX3Z5z"
    "rj2YqeNuxtYNNCPmlFXqxAbSbfSqWnz3NtbiNH/hvWfOfVzp0+f1ijP4jN3nX0F8yznaI3"
    "4PiP8yiX9ql+y1wNmUq2fpS5d4fuhdb3jTH35WOvf3/c/D255zKmEG8AU9tFH82oPhvO7d"
    "tJH3il7rdnt3k96Ncv13xauDGb/2YPSHyt149Jkat/s2Crx5MLqj27tBb8K63b6kVzvDbm"
    "8w4Fe9lw/GcKTcfxl9ayP3RXTGS+WDypx/3Uo+/7oVO//an62xcZNOSoUEgZWqNCuFLaoE"
    "nl+HjVyRBIE8qLzSKnen54JMUw6ZTp3ZQdFcj4SqsY/hQ6GlMuvPUzLrz+OZ9ZpJVmQ2y4"
    "W6SBZgl4I9oV7bBP+RsKLcCtQB4DSr1ft1EjJYHoxvbzu/vgsZrcFo+NlrHoC9OxhdRxlf"
    "k7l/ubIOQpIQkq7y84PHlHNpOSwJWq6ylqdkuWLcTa4tGxFZ0HSVNW0QxZpTkRnOfeJFpI"
    "sSaQKmzM7d3aDf7VwPelkpgrA087+D7x8Mly7Y8gYPRufmhjMF7N+D8a3T/4W9df7ncduL"
    "Pw4joAtFXZK1IZq+aUFvcQd7h7tPZwbnina75TLymMuIKFjLKltLt6iaS4fnzubZ1Q1Ekw"
    "VR+jBo+1cnlO4PtJGsDa/S8d5zIaUjSHHbDX9h00GmR1DIboXsVUhjV1+QfbhjPbZF0DTF"
    "OUcpLHdctIYFZM5l2NZkrjUBb/fQh2yJdEJZMDFxE+O5Zk9UIziHhU+UB7ChZAmULGFdrF"
    "daTq2HJUHrVdG6wK2P16yAvQoHsKDBvEBJUEOphIBpHNNQQqUkqOEkTHjUwzaFY21TIF6B"
    "8T2BrVuh8iiuQTMoAaszwQvA9X7b0WkZBFlcQ5ZwjwpgUOMqDfWwGwVl93OU3VcWulFQ7f"
    "0B7ak+MzoEFpTfzwwZlN8/ft05Z/Ui2Im2XdbsPlhU2S6l5Lajse1eFAj0uEEq8jr5Cem2"
    "hZz9PUhnJ3/yNEw0M8mS3/LK6Ys3oRXQp2DrWWSvmYlnmPHwbrH95E1pAdaNbz3bIkVvw3"
    "6zUveb+TqLYZscdgkJ1TDgciaV4H6WkuB+Fk9wP8GdfaO73rCRDXEu00bsb5X23BWfvOcu"
    "lvNFHSKykEdWHcJZkF8d0JbzLKfj6gUvBOuxtNMI0rop8XyC7RU4oADiPhWZhnBAwdEi54"
    "GVtzyuESlAFgIVxwtUeIOxAGy7ga5qim5k6u5BrHvkwH60VP1qWEmFe7JAJB3pOUmEIOhw"
    "VILTHVwChtMfdskUpz+8ZQ7TMDFL1OU0pENHtllVrPGnLrq8vLhE5nqBEf5jpbKS5+wMUB"
    "I4I3TGT8TgbpPoNI0iu95dYwsoylIpSjdeIc1Ouu1rSExeShGTlynE5GWcmAR/Ohl98KfB"
    "n95tuyCPEjzpCiwUm5DyV5WUvyo60NUMEZXr7oRcRIHTE3UhU7I7oi2lcjtcnb+xQsV/2+"
    "h1Tpr0z6bJC/82qfOi8RLB7oZexHaNMkFWEvhJdKBg0Z1nLjQcjWmyVI74eYImfsFmMPUj"
    "3EeYnAp1GW9N12YW7XhKdRNvDS5amS5axYLhFX2wVN1tkIqGm5hCauXzF6OyoOpKq9qfmY"
    "8bhV+M6TuZhREK15CSaUlRMq0USqYloGSC4JkkG/8lFK4h8sXndPn26TFTGYqoXA3BPsgw"
    "j6zg5OEOidUQ7SuZIwKuko8IuIodEeBiRn++KHFtJ9ZbuRqCfZChzapTx3FOr2adG99qev"
    "bCNdAhillbU7LKXRB1K1xiXvXkS/9eGXW7X8fj3rCbuRZqRLyNIhceDH6hM7xRPo0Gg9E3"
    "Xhg1fu3B+PZlNOjRzxn3e/dtFHwXJRikJlLhB5swhoIjHVNuaqptUKzE1NrjTKkCM2vxbI"
    "antv6C81cITOsCohsCzF2YLLI2kzbh7DZisU6q/JhudL/eT0a37KAm79WD4R3d5B3X1PlM"
    "LdnflZvep87XwaSNwu/zWKfi3QVvM6WWY54IZWGCCCaIZ8xzgCwSBYxFaeDUyjwJrE9q5U"
    "tfCEpc4qAREZS4VDdkbSs2sVWB95VeXzQiCljvwDpPHVEoIJqlgKgXL4wj/Lf70VCMcFAm"
    "OoT1qY3+hxa6dYqmOAVahka6sxv1a5thEp91EHV2bV2Uo5H4CPSaQy0xUY1WW89ZnDUqCP"
    "AKFm5ri1XGsZTcOKf0AIAnljWHws4H9ddVViMlIyHlC8FO7wx8lANbjkSDkCBUV6hykgFX"
    "lalkjZdExCBskj1sMjWxptscQoVFsHUzs11L6gKsXAYrF8yJzGjnIqJg6aps6eDcue9Dz7"
    "CzqnEIijqY1ZatWklcEhCGWjAlIhveAyEJbFgIcIXdlqVg6ib8ZQI1JAOopq3xsz684oJA"
    "yiUSRVnBjYoBtLD7+mi7r5f+Rt49oa1fTa0otuG1EWxtP9ZpNlB7Lwu4crX3kpzeAjD+at"
    "Ub37ijL4Gxs3gtYgQHNt2Pt53WFOvQkl8C5e1Sq7xhXLGFmSyy0UWp1BDeOgkA786BG3Wo"
    "9ijh4iRnFli28o53WCO7ER2nRzwE6kQGbGn1b9yxtqMKjj8i5WrhKCtfYGdJnG9z1ebVNz"
    "V28pDJDiFaqbqGZsREKvLS90PlbNBb1t4kr2hFBRy5d/F6OIX2LDz6KPSjHUviyGxPMUou"
    "lhNpCIVqyipUoy7J2hCFX9NS8H0hSL7nvzs5+R5in8WNYnGN7Fyxz6AkICxA2DfI8tiGZA"
    "BV4I6PeAZGpBhhgUxGjVEWGEcJrJ1pXwDKN9uOaopvyEBm9rLLcoNcqm6HG+QTepJukE8r"
    "ShyNYCBs2OaGnUXACnM60/+NhbYHbfLdcex2yGFxPkNw5GsRHe4+75UXYIp6OuDPlOnPZC"
    "2dBTWzMtTMylwsC6pkZaySpfJSMQIqMG3TgS9U4jYDz2ic7C4D8MyLssfg4ZTk4chEYOD4"
    "sOPGE/gGsCHhqosvoP276QtnfxuZ5IIZOSKIibDDv1jeioYeN2jOiturT/T30+WtaiDdst"
    "b8yC++gUZ0dNgePcFJYdVaDQO7f1h2PylVZlf52JouieE0tsoM55PbJOgpK/NmtqgcLMsF"
    "zo77kM4GbVgIcN3t7riIFeDv9P2eTgxiWYcnPLpkYjrbmV4AvnXP/I1axUpFG7zBLfCQAu"
    "M+2T0KTDMp18hNM39jec5KG6lIM9WZ3WTRgK0r86rbc3rnSV0tsGWxrKcfHLec/oDlo/ig"
    "5WI73x1jcBoL8qkiyfR0AthrC9KpynW4XO1kcAh8iTqU7ImU2WxJuAPnreRCm61YhWlnVA"
    "vxlTjaYCtd4tkGN+POp0kjG96OECv+Tf89GP37+6+9mzZy/keNkIwmPkoo4mOiHj5CSdnd"
    "Y11mqMuXlM1TGfnIJZHfH3bNUxhpA4RCHqhPjlBwll15aksFBaGyVJV1DDHc4ha1UPfoMM"
    "hCdPwY+b+wD7/wffhS2Qd+4Hrf5INQqLwmwIez6Vgp9/1ActmyAe2prijBFtljp7QEB1ky"
    "Y+uNwZ2srbLwWu6kbkcG5jtTsYbsOcWFMatTslwx26Qht+ZNM2n7KrthkB+sOXlFMyxIdS"
    "m++935L78FS/UAOVsqOftMf1YWxsprX0O2qviz/4JfKwPGEbEaQn0ulRRznpIUcy7IE4fE"
    "roNyhJAvUa/CvxVbxx2gmqq3SM5cTTUiCPBCls8xs3yOUfWzYsNXFtvMRT8Ds70AfGvsT0"
    "eRjpvJSuVTxTUh8NOF6kr21ldOcyUyZmTyrcTFpHidqYDDjF5V3aafgGyCHrGXPKWJcqz2"
    "71DGMQ9xzJEDZljylkaHhOG+Z857E8WSroJS4NxXxLnfnRd0Co5+o9sZdnuDQWfSHw3bKP"
    "juwRiOlPsvo2/Kp16vjQJvonPpONQAna/sNDRrOsfaepHRqRILwyoVzqyHc9SPz20Vm/QG"
    "R8nuGLcFlj+ALLg8Cji5DKnowjWLoqOykAtXZU3DaZrfh54h57FRy4qyFZsykFR6KsgeK1"
    "ZZ8wELZ5RCDnSlghBwfl6FQmmQYJ4F3twHvR2pgHfFHm3SMOeq332MdIYTBVgqm0Fmn0Qw"
    "F7rUPQAnAnx5Zz6RhU5XDbvOfHJaNeXPfPIFJALm7JM15MiEK5T/xF+7sPPjm+gXWOjYYk"
    "FuA7+iR0KeKcCikueFdStRlIRBB4XPj1p5RF1mKnzuta9hVOoglbl1a/u14+Y6LT4VFoQY"
    "VZYYFY+e2soLNrO74mJhYDriMLsIZcA2IFEex3Go+iKFM50QWf0e4jDrlZZTzWFJUHOl1Q"
    "zhtqJsJJDAFTomwn2CF3lSN/czf/FXBjXRQMlUhAegFCMRQDsTMaEEFnBy2/At9QVryBVj"
    "ZILqEgttpNsWsnV6p4mco669d1OVumSaaiJ2cMQT/YyEPfgF9i2kKtzf7MwZ75cDW3FMtu"
    "JEXI7KIxwoGIlNUYGUv92PhmJAtwLRBag+tdH/+HGIJwhrCmYMitCq0+N73t52fo1SQd3B"
    "6Dq6nGQdXIOzB14AeAHFMiVw5sch0A0teySRDckAquC5Hi99yQ+hFpj74Qdya4pyaALDoS"
    "qFYlvtQ1UG9LuNt/tkGwL+INKimUYaRLbdyhEFHa9o3hsL0bFi2mhJXvgRkZauYe7MO+OT"
    "3jeIzc9KcQvwqRYrvhfa3s8TFmKEwQE+48Egpv6kG+oCsaU2essrgKOzy3fsBBeTrJ/myK"
    "2egJzyCVDsrxLP5WYKwzAzyVJZ6dPn9SqHcxaXBget0g4aVxi2qCa4iaazNa/WRZ2A8iut"
    "fHor90yPyoKqq67qfWd5Qheg+Eor3sQUUisf1RqVBVVXXNWe25FP2VFpUHel1R0OSefiKw"
    "vI8ayahguPD+qizWqJwHrNIV82DqVXjjAOZ2oieFCsxDTw41ihIrPAoa4Z1DU76bpmbMyJ"
    "012S0zOCMpChsUeGBoTuD/EMhHIuUHfktHAN+oVZE06EsoAypEdAdZdTwBaqu1SsukvYnh"
    "aAcs0zT4TPn0pln/ReMP/2saQT50YzLdcEb5tIbUXRl8s1l0XqWtNtRIVNr6KFSm+oFkYm"
    "nq0tbKGvd4zi5JtEbnqDHn35VqUI609P2Hwn3o1SXPcPxoPxLwv//i+kW1x+hc0fHDuPqA"
    "NtEbON1MWCTNmARWs6BM1AjQ5kktc3FqK3n5vIIohV49UN+lkPhtuAfjndYElJ7KvQW1Oy"
    "XNJrxGQdse+k0i9qrZcYGRRiE1nP+oqlwLDcHrexZH0P+iNiG2Z+a/AP8k6+cA/ECJva7T"
    "EZ8cJEmTNirvWn7yUp5i+t1vn5h9b786uPlxcfPlx+fL9dlsVvpa3Prvuf2RKtGXScd6fO"
    "MG1ngt8VqNOCuBQVBNh5hlkM82T+zWtfQ+7t6kKCfLu6SGTf2K0wuGTK6co8wcSIKEQSKx"
    "1JpEsHYir0yZyRlorJQdQrbqIckLKWmQpL1dBcHaTYlIOaSUQxxl1Ye1I1xLr4o6mCS1hJ"
    "YxEUATtRHf665rDCAQUHBlgz9Rc+sTPtog9LlR+obfzfbG1M+WaWx7W+sHXD+pF93l8b5a"
    "8XDxK+ZV5qJoW47auhCvaxtVEFRNKLsjsQMTt6KaxDkuGscNbmVjWfGwJC3L/ZTCPFTdZM"
    "WXrtdjLjX9ghyKpDIJO1/Uj+QLwLNFcttFo/Uss3xxrC6nTuEsxvLMSZdwu9df/TIbXx+W"
    "8BP36oD9m9lTKRKq6IUaoCbXywvZRbzSqZqeGYaG3qxZbMEEO50WSFmFjVRsZi406706U0"
    "t/UGY48q2YfY7oXEyMATQv8cfBlxVJN4sEXEXguDvoaXK2KzjxzjKTHDj7LERqkLBd1vrp"
    "h++50Lhgl9hs9007J5kJgdA8EKL7LHMndhLPqw5jFnevEZb37iwWTb3LC/a9OwWPRZfaLI"
    "xlcJhfa8OzhN+4BqjkddHzANxFBN5qnd5jUkqA8SDCArBogw1y8Z45BQDZEuPkrsbhJWqC"
    "szz4J0VA7AlgLbEp6kkszr+RKwGwbqlUImBNQrBar26ACfPlXbwaY+nTcEbph7p5nme6l+"
    "m13+VjKme5Cf4M2UWZs+eQ2YXJy+Dsu/1uWljFdzeZns1bB7kWAinVQZEHab1xDdMymf8S"
    "zFZzyL+4z0E213U4XsAjsgAivsjCvsvSjbfR9mf/4/+GYCgw=="
)
